import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/auth/totp.js';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const login = (server: TestServer, body: unknown) => jsonRequest('POST', `${server.origin}/auth/login`, body);
/** A code for the step after the current one: valid (one step of drift) and later than any code used so far. */
const nextCode = (secret: string) => currentTotpCode(secret, new Date(Date.now() + 30_000));

describe('admin outside demo mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('gets a TOTP secret at creation and cannot log in without a code', async () => {
    const admin = await server.createAccount({ role: 'admin', sites: [] });
    expect(admin.totp?.otpauth_uri).toMatch(/^otpauth:\/\/totp\/Hiwa:.+secret=/);
    const res = await login(server, { username: admin.username, password: admin.password });
    expect(res.status).toBe(401);
    expect(res.body.issue[0].expression).toEqual(['totp']);
  });

  it('logs in with a current code; the same code a second time is refused', async () => {
    const admin = await server.createAccount({ role: 'admin', sites: [] });
    const secret = admin.totp?.secret as string;
    const code = currentTotpCode(secret, new Date());
    expect((await login(server, { username: admin.username, password: admin.password, totp: code })).status).toBe(200);
    const replay = await login(server, { username: admin.username, password: admin.password, totp: code });
    expect(replay.status).toBe(401);
    expect(replay.body.issue[0].diagnostics).toBe('Invalid credentials');
  });

  it('refuses a wrong code with the generic message', async () => {
    const admin = await server.createAccount({ role: 'admin', sites: [] });
    const wrong = currentTotpCode(admin.totp?.secret as string, new Date(Date.now() + 600_000));
    const res = await login(server, { username: admin.username, password: admin.password, totp: wrong });
    expect(res.status).toBe(401);
    expect(res.body.issue[0].diagnostics).toBe('Invalid credentials');
  });
});

describe('admin in demo mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server.close());

  it('the demo admin logs in without a code, so a newcomer can try the system', async () => {
    const res = await login(server, { username: 'admin', password: 'demo' });
    expect(res.status).toBe(200);
  });
});

describe('optional TOTP for any account', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('enrols (otpauth URI), confirms with a code, and from then on login needs a code', async () => {
    const account = await server.createAccount();
    const { access_token } = await server.login(account.username, account.password);
    const enrol = await jsonRequest('POST', `${server.origin}/auth/totp/enrol`, {}, bearer(access_token));
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauth_uri).toContain(`Hiwa:${account.username}`);
    // until confirmed, login still works without a code
    expect((await login(server, { username: account.username, password: account.password })).status).toBe(200);

    const wrong = await jsonRequest('POST', `${server.origin}/auth/totp/verify`, { code: '000000' }, bearer(access_token));
    expect(wrong.status).toBe(400);
    const ok = await jsonRequest('POST', `${server.origin}/auth/totp/verify`, { code: currentTotpCode(enrol.body.secret, new Date()) }, bearer(access_token));
    expect(ok.status).toBe(204);

    expect((await login(server, { username: account.username, password: account.password })).status).toBe(401);
    const withCode = await login(server, { username: account.username, password: account.password, totp: nextCode(enrol.body.secret) });
    expect(withCode.status).toBe(200);
    const me = await jsonRequest('GET', `${server.origin}/auth/me`, undefined, bearer(withCode.body.access_token));
    expect(me.body.secondFactor).toBe(true);
  });
});
