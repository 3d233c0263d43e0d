import fs from 'node:fs';
import path from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARTNER, DEMO_PROGRAMME, seedDemoAccounts } from '../../seed/demo-accounts.js';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { JWT_BEARER, requestToken } from '../support/smart-client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

const demoLogins = ['admin', 'caseworker', 'psychologist', 'psychiatrist', 'supervisor', 'reporter', 'partner.caseworker'];
const count = async (sql: string) => Number((await server.store.pool.query<{ n: string }>(sql)).rows[0]?.n);

describe('demo mode seeding', () => {
  it('creates every demo login, each able to log in with the demo password', async () => {
    expect(server.demoSeed?.usernames).toEqual(demoLogins);
    for (const username of demoLogins) {
      const res = await jsonRequest('POST', `${server.origin}/auth/login`, { username, password: 'demo' });
      expect(res.status, username).toBe(200);
    }
  });

  it('puts the programme logins in the programme and the partner caseworker in the partner CSO', async () => {
    const me = async (username: string) => {
      const { access_token } = await server.login(username, 'demo');
      return (await jsonRequest('GET', `${server.origin}/auth/me`, undefined, bearer(access_token))).body;
    };
    const caseworker = await me('caseworker');
    expect(caseworker.organization.name).toBe(DEMO_PROGRAMME);
    expect(caseworker.sites).toEqual([expect.objectContaining({ name: 'Qadia camp' })]);
    expect((await me('supervisor')).sites.length).toBeGreaterThan(1);
    const partner = await me('partner.caseworker');
    expect(partner.organization.name).toBe(DEMO_PARTNER);
    expect(partner.role).toBe('caseworker');
  });

  it('is idempotent: a second start creates nothing', async () => {
    const before = await Promise.all([count('SELECT count(*) AS n FROM account'), count('SELECT count(*) AS n FROM resource'), count('SELECT count(*) AS n FROM system_client')]);
    expect(await seedDemoAccounts(server.auth, server.dataDir)).toBeUndefined();
    const after = await Promise.all([count('SELECT count(*) AS n FROM account'), count('SELECT count(*) AS n FROM resource'), count('SELECT count(*) AS n FROM system_client')]);
    expect(after).toEqual(before);
  });

  it('writes the doh-demo private key to DATA_DIR/demo-keys, usable to get a token', async () => {
    const file = path.join(server.dataDir, 'demo-keys', 'doh-demo.private.jwk');
    expect(server.demoSeed?.privateKeyFile).toBe(file);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384', d: expect.any(String), kid: expect.any(String) });
    const tokenEndpoint = `${server.origin}/oauth2/token`;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid: jwk.kid as string })
      .setIssuer('doh-demo')
      .setSubject('doh-demo')
      .setAudience(tokenEndpoint)
      .setExpirationTime('4m')
      .setJti(randomUUID())
      .sign(await importJWK(jwk, 'ES384'));
    const res = await requestToken(tokenEndpoint, { grant_type: 'client_credentials', scope: 'system/*.rs', client_assertion_type: JWT_BEARER, client_assertion: assertion });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('system/*.rs');
  });
});
