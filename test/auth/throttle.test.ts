import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Requests reach the server from loopback, which it trusts as a proxy: X-Forwarded-For sets the address. */
const from = (address: string) => ({ 'X-Forwarded-For': address });

describe('login throttling per account', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '100', LOGIN_LOCKOUT_SECONDS: '600' } });
  });
  afterAll(() => server.close());
  const login = (body: unknown, address: string) => jsonRequest('POST', `${server.origin}/auth/login`, body, from(address));

  it('locks a username after its limit of failures, from any address, even with the right password', async () => {
    const victim = await server.createAccount();
    for (let i = 0; i < 3; i++) {
      expect((await login({ username: victim.username, password: 'wrong password guess' }, `10.0.0.${i + 1}`)).status).toBe(401);
    }
    const locked = await login({ username: victim.username, password: victim.password }, '10.0.0.99');
    expect(locked.status).toBe(429);
    expect(locked.body.resourceType).toBe('OperationOutcome');
    expect(locked.body.issue[0].code).toBe('throttled');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  it('leaves other usernames alone', async () => {
    const other = await server.createAccount();
    expect((await login({ username: other.username, password: other.password }, '10.0.0.1')).status).toBe(200);
  });

  it('throttles unknown usernames like real ones, so the answer does not reveal which exist', async () => {
    for (let i = 0; i < 3; i++) await login({ username: 'no.such.user', password: 'wrong password guess' }, '10.0.1.1');
    expect((await login({ username: 'no.such.user', password: 'wrong password guess' }, '10.0.1.1')).status).toBe(429);
  });

  it('a success resets the count of the account', async () => {
    const account = await server.createAccount();
    for (let i = 0; i < 2; i++) await login({ username: account.username, password: 'wrong password guess' }, '10.0.2.1');
    expect((await login({ username: account.username, password: account.password }, '10.0.2.1')).status).toBe(200);
    for (let i = 0; i < 2; i++) await login({ username: account.username, password: 'wrong password guess' }, '10.0.2.1');
    expect((await login({ username: account.username, password: account.password }, '10.0.2.1')).status).toBe(200);
  });
});

describe('login throttling per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4', LOGIN_LOCKOUT_SECONDS: '300' } });
  });
  afterAll(() => server.close());
  const login = (body: unknown, address: string) => jsonRequest('POST', `${server.origin}/auth/login`, body, from(address));

  it('locks an address that fails across many usernames, for every username, with Retry-After', async () => {
    const account = await server.createAccount();
    for (let i = 0; i < 4; i++) {
      expect((await login({ username: `guess.${i}`, password: 'wrong password guess' }, '192.0.2.7')).status).toBe(401);
    }
    const locked = await login({ username: account.username, password: account.password }, '192.0.2.7');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(290);
    // the same account from another address is fine: the lock is on the address
    expect((await login({ username: account.username, password: account.password }, '192.0.2.8')).status).toBe(200);
  });
});
