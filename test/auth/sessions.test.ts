import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deactivateUser } from '../../server/auth/admin/deactivate-user.js';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestAccount, type TestServer } from '../support/server.js';

let server: TestServer;
let account: TestAccount;
beforeAll(async () => {
  server = await startTestServer();
  account = await server.createAccount();
});
afterAll(() => server.close());

const refresh = (token: string) => jsonRequest('POST', `${server.origin}/auth/refresh`, { refresh_token: token });
const logout = (token: string) => jsonRequest('POST', `${server.origin}/auth/logout`, { refresh_token: token });
const readPatients = (token: string) => jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(token));

describe('POST /auth/refresh', () => {
  it('rotates: a new access token and a new refresh token; the old refresh token is spent', async () => {
    const first = await server.login(account.username, account.password);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await readPatients(second.body.access_token)).status).toBe(200);
    const third = await refresh(second.body.refresh_token);
    expect(third.status).toBe(200);
  });

  it('reuse of a spent refresh token revokes the whole family, including its newest member', async () => {
    const first = await server.login(account.username, account.password);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(401);
    expect(replay.body.resourceType).toBe('OperationOutcome');
    expect((await refresh(second.body.refresh_token)).status).toBe(401);
  });

  it('a reuse revokes only that family: another session of the same account goes on', async () => {
    const stolen = await server.login(account.username, account.password);
    const other = await server.login(account.username, account.password);
    await refresh(stolen.refresh_token);
    await refresh(stolen.refresh_token);
    expect((await refresh(other.refresh_token)).status).toBe(200);
  });

  it('refuses an unknown refresh token and a missing one', async () => {
    expect((await refresh('made-up-token')).status).toBe(401);
    expect((await jsonRequest('POST', `${server.origin}/auth/refresh`, {})).status).toBe(400);
  });
});

describe('POST /auth/logout', () => {
  it('revokes the family: the refresh token and its successors no longer work', async () => {
    const first = await server.login(account.username, account.password);
    const second = await refresh(first.refresh_token);
    const res = await logout(second.body.refresh_token);
    expect(res.status).toBe(204);
    expect((await refresh(second.body.refresh_token)).status).toBe(401);
  });

  it('answers 204 for an unknown token too, saying nothing about it', async () => {
    expect((await logout('never-issued')).status).toBe(204);
  });
});

describe('deactivating a user', () => {
  it('refuses their access token on the very next request, and their refresh token', async () => {
    const leaving = await server.createAccount();
    const session = await server.login(leaving.username, leaving.password);
    expect((await readPatients(session.access_token)).status).toBe(200);
    await deactivateUser(server.auth, leaving.username);
    const refused = await readPatients(session.access_token);
    expect(refused.status).toBe(401);
    expect(refused.body.resourceType).toBe('OperationOutcome');
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await refresh(session.refresh_token)).status).toBe(401);
    expect((await jsonRequest('GET', `${server.origin}/auth/me`, undefined, bearer(session.access_token))).status).toBe(401);
  });
});
