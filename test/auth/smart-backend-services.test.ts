import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientAssertion, clientCredentials, JWT_BEARER, newClientKey, requestToken, type ClientKey } from '../support/smart-client.js';

let server: TestServer;
let tokenEndpoint: string;
let rsKey: ClientKey;
let ecKey: ClientKey;
const clientId = 'doh-test';

beforeAll(async () => {
  server = await startTestServer();
  tokenEndpoint = `${server.origin}/oauth2/token`;
  [rsKey, ecKey] = await Promise.all([newClientKey('RS384'), newClientKey('ES384')]);
  await createSystemClient(server.auth, {
    clientId,
    name: 'Directorate of Health (test)',
    jwks: { keys: [rsKey.publicJwk, ecKey.publicJwk] },
    scopes: ['system/*.read'],
    organization: server.organizationId,
  });
});
afterAll(() => server.close());

describe('SMART discovery', () => {
  it('serves /.well-known/smart-configuration at the root and under the FHIR base, without a token', async () => {
    for (const url of [`${server.origin}/.well-known/smart-configuration`, `${server.fhirBase}/.well-known/smart-configuration`]) {
      const res = await jsonRequest('GET', url);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        token_endpoint: tokenEndpoint,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
        capabilities: expect.arrayContaining(['client-confidential-asymmetric', 'permission-v1', 'permission-v2']),
      });
      expect(res.body.scopes_supported).toContain('system/*.read');
    }
  });
});

describe('client_credentials with a private_key_jwt assertion', () => {
  for (const alg of ['RS384', 'ES384'] as const) {
    it(`issues a token for an ${alg} assertion, and the token reads FHIR`, async () => {
      const key = alg === 'RS384' ? rsKey : ecKey;
      const res = await clientCredentials({ clientId, tokenEndpoint, key, scope: 'system/Patient.rs system/Observation.read' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 300,
        scope: 'system/Patient.rs system/Observation.read',
      });
      const read = await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(res.body.access_token as string));
      expect(read.status).toBe(200);
      const me = await jsonRequest('GET', `${server.origin}/auth/me`, undefined, bearer(res.body.access_token as string));
      expect(me.body).toMatchObject({ kind: 'system', clientId, scopes: ['system/Patient.rs', 'system/Observation.read'] });
      expect(me.body.organization).toEqual({ id: server.organizationId, name: 'Test programme' });
    });
  }

  it('grants requested ∩ allowed: write scopes are dropped', async () => {
    const res = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/*.* system/Patient.write' });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('system/*.read');
  });

  it('answers invalid_scope when nothing requested is allowed', async () => {
    const res = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/Patient.write' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_scope', error_description: expect.any(String) });
  });

  it('answers invalid_scope to an empty or missing scope, and to one naming an unknown resource type', async () => {
    for (const scope of ['', '   ', 'system/Patinet.rs', 'system/Patient.rs system/Beneficiary.rs']) {
      const res = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope });
      expect(res.status, scope).toBe(400);
      expect(res.body).toEqual({ error: 'invalid_scope', error_description: expect.any(String) });
    }
    const assertion = await clientAssertion({ clientId, tokenEndpoint, key: ecKey });
    const missing = await requestToken(tokenEndpoint, { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_scope');
    expect(missing.body.error_description).toContain('scope');
  });

  it('refuses explicit mutation-only v2 scopes with invalid_scope (the client may only read)', async () => {
    for (const scope of ['system/Patient.c', 'system/Patient.cu', 'system/Patient.cud', 'system/Patient.d', 'system/Patient.u']) {
      const res = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope });
      expect(res.status, scope).toBe(400);
      expect(res.body.error, scope).toBe('invalid_scope');
    }
  });

  it('spends an assertion even when its scopes are refused: SMART asks that a jti is never accepted twice', async () => {
    const assertion = await clientAssertion({ clientId, tokenEndpoint, key: ecKey });
    const form = { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion };
    expect((await requestToken(tokenEndpoint, { ...form, scope: 'system/Patient.u' })).body.error).toBe('invalid_scope');
    expect((await requestToken(tokenEndpoint, { ...form, scope: 'system/Patient.rs' })).body.error).toBe('invalid_client');
  });

  it('treats v1 and v2 read scopes alike: system/*.read and system/*.rs grant read and search, never a write', async () => {
    for (const scope of ['system/*.read', 'system/*.rs', 'system/*.cruds', 'system/Patient.*']) {
      const res = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope });
      expect(res.status, scope).toBe(200);
      expect(res.body.scope, scope).not.toMatch(/\.\*|\.write\b|\.[cud]+\b/);
    }
  });

  it('does not grant a scope narrowed by a query (it would be refused on every request)', async () => {
    const only = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/Observation.rs?category=survey' });
    expect(only.status).toBe(400);
    expect(only.body.error).toBe('invalid_scope');
    const mixed = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/Observation.rs?category=survey system/Patient.rs' });
    expect(mixed.status).toBe(200);
    expect(mixed.body.scope).toBe('system/Patient.rs');
  });
});

describe('refused assertions: invalid_client, 401, OAuth error shape', () => {
  const expectInvalidClient = (res: { status: number; body: Record<string, unknown> }) => {
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
  };

  it('a replayed jti', async () => {
    const assertion = await clientAssertion({ clientId, tokenEndpoint, key: ecKey });
    const form = { grant_type: 'client_credentials', scope: 'system/Patient.rs', client_assertion_type: JWT_BEARER, client_assertion: assertion };
    expect((await requestToken(tokenEndpoint, form)).status).toBe(200);
    const replay = await requestToken(tokenEndpoint, form);
    expectInvalidClient(replay);
    expect(replay.body.error_description).toMatch(/jti/);
  });

  it('an expired assertion, and one that lives longer than five minutes', async () => {
    expectInvalidClient(await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/Patient.rs', expiresIn: -60 }));
    const tooLong = await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/Patient.rs', expiresIn: 600 });
    expectInvalidClient(tooLong);
    expect(tooLong.body.error_description).toMatch(/300 seconds/);
  });

  it('a wrong audience', async () => {
    expectInvalidClient(await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/Patient.rs', aud: `${server.origin}/token` }));
  });

  it('an unknown client, and iss different from sub', async () => {
    expectInvalidClient(await clientCredentials({ clientId: 'nobody', tokenEndpoint, key: ecKey, scope: 'system/Patient.rs' }));
    expectInvalidClient(await clientCredentials({ clientId, tokenEndpoint, key: ecKey, scope: 'system/Patient.rs', sub: 'someone-else' }));
  });

  it('a key that is not registered for the client', async () => {
    const stranger = await newClientKey('ES384');
    expectInvalidClient(await clientCredentials({ clientId, tokenEndpoint, key: { ...stranger, kid: ecKey.kid }, scope: 'system/Patient.rs' }));
    expectInvalidClient(await clientCredentials({ clientId, tokenEndpoint, key: stranger, scope: 'system/Patient.rs' }));
  });

  it('an algorithm other than RS384 / ES384, and a non-JWT', async () => {
    const { SignJWT } = await import('jose');
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenEndpoint)
      .setExpirationTime('2m')
      .setJti('hs-1')
      .sign(new TextEncoder().encode('a-shared-secret-the-server-never-agreed-to'));
    const form = (assertion: string) => ({ grant_type: 'client_credentials', scope: 'system/Patient.rs', client_assertion_type: JWT_BEARER, client_assertion: assertion });
    expectInvalidClient(await requestToken(tokenEndpoint, form(hs)));
    expectInvalidClient(await requestToken(tokenEndpoint, form('garbage')));
  });

  it('a deactivated client, whose earlier tokens also stop working', async () => {
    const key = await newClientKey('ES384');
    await createSystemClient(server.auth, { clientId: 'leaving-client', name: 'Leaving', jwks: { keys: [key.publicJwk] }, scopes: ['system/*.rs'] });
    const before = await clientCredentials({ clientId: 'leaving-client', tokenEndpoint, key, scope: 'system/*.rs' });
    expect(before.status).toBe(200);
    const { deactivateSystemClient } = await import('../../server/store/accounts-clients.js');
    await deactivateSystemClient(server.store.pool, 'leaving-client');
    expectInvalidClient(await clientCredentials({ clientId: 'leaving-client', tokenEndpoint, key, scope: 'system/*.rs' }));
    expect((await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(before.body.access_token as string))).status).toBe(401);
  });
});

describe('malformed token requests', () => {
  it('unsupported_grant_type, invalid_request for missing fields or a wrong assertion type', async () => {
    const assertion = await clientAssertion({ clientId, tokenEndpoint, key: ecKey });
    const grant = await requestToken(tokenEndpoint, { grant_type: 'password', scope: 'system/Patient.rs', client_assertion_type: JWT_BEARER, client_assertion: assertion });
    expect(grant).toEqual({ status: 400, body: { error: 'unsupported_grant_type', error_description: expect.any(String) } });
    const missing = await requestToken(tokenEndpoint, { grant_type: 'client_credentials' });
    expect(missing.body.error).toBe('invalid_request');
    const type = await requestToken(tokenEndpoint, { grant_type: 'client_credentials', scope: 'system/Patient.rs', client_assertion_type: 'other', client_assertion: assertion });
    expect(type.body.error).toBe('invalid_request');
  });

  it('refuses JSON instead of a form with invalid_request', async () => {
    const res = await jsonRequest('POST', tokenEndpoint, { grant_type: 'client_credentials' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });
});
