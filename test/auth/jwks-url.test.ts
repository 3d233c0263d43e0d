import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { ClientKeySets } from '../../server/auth/client-key-sets.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientAssertion, clientCredentials, JWT_BEARER, newClientKey, requestToken, type ClientKey } from '../support/smart-client.js';

/** A client's key service on loopback: serves whatever key set the test puts up, and counts fetches. */
let keyService: Server;
let published: { keys: ClientKey['publicJwk'][] } = { keys: [] };
let fetches = 0;
let jwksUrl: string;

let server: TestServer;
let tokenEndpoint: string;
const clientId = 'doh-by-url';
const inlineClientId = 'doh-inline';
let inlineKey: ClientKey;

beforeAll(async () => {
  keyService = createServer((_req, res) => {
    fetches += 1;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => keyService.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(keyService.address() as AddressInfo).port}/jwks.json`;

  server = await startTestServer();
  // No pause between fetches, so that a rotation is picked up by the very next assertion.
  server.auth.clientKeys = new ClientKeySets(0);
  tokenEndpoint = `${server.origin}/oauth2/token`;
  await createSystemClient(server.auth, { clientId, name: 'DoH (keys by URL)', jwksUrl, scopes: ['system/*.read'] });
  inlineKey = await newClientKey('ES384');
  await createSystemClient(server.auth, { clientId: inlineClientId, name: 'DoH (inline keys)', jwks: { keys: [inlineKey.publicJwk] }, scopes: ['system/*.read'] });
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => keyService.close(resolve));
});

describe('a system client registered by JWKS URL', () => {
  it('gets a token signed by a key published there, fetched once and then cached', async () => {
    const key = await newClientKey('RS384');
    published = { keys: [key.publicJwk] };
    fetches = 0;
    for (let i = 0; i < 3; i++) {
      const res = await clientCredentials({ clientId, tokenEndpoint, key, scope: 'system/Patient.rs' });
      expect(res.status).toBe(200);
    }
    expect(fetches).toBe(1);
  });

  it('rotates its keys without an admin: an unknown kid makes the server fetch the set again', async () => {
    const rotated = await newClientKey('ES384');
    published = { keys: [rotated.publicJwk] };
    const res = await clientCredentials({ clientId, tokenEndpoint, key: rotated, scope: 'system/Patient.rs' });
    expect(res.status).toBe(200);
  });

  it('is refused (invalid_client) when signed by a key not published at its URL', async () => {
    const stranger = await newClientKey('ES384');
    const res = await clientCredentials({ clientId, tokenEndpoint, key: stranger, scope: 'system/Patient.rs' });
    expect(res).toEqual({ status: 401, body: { error: 'invalid_client', error_description: expect.any(String) } });
  });

  it('accepts a jku header only when it is the registered JWKS URL', async () => {
    const key = await newClientKey('ES384');
    published = { keys: [key.publicJwk] };
    const same = await clientCredentials({ clientId, tokenEndpoint, key, scope: 'system/Patient.rs', jku: jwksUrl });
    expect(same.status).toBe(200);
    const elsewhere = await clientCredentials({ clientId, tokenEndpoint, key, scope: 'system/Patient.rs', jku: 'https://attacker.example/jwks.json' });
    expect(elsewhere).toEqual({ status: 401, body: { error: 'invalid_client', error_description: expect.stringContaining('jku') } });
  });

  it('is refused (invalid_client), not a server error, when its key service does not answer', async () => {
    const key = await newClientKey('ES384');
    await createSystemClient(server.auth, { clientId: 'doh-gone', name: 'Gone', jwksUrl: 'http://127.0.0.1:9/jwks.json', scopes: ['system/*.read'] });
    const res = await clientCredentials({ clientId: 'doh-gone', tokenEndpoint, key, scope: 'system/Patient.rs' });
    expect(res).toEqual({ status: 401, body: { error: 'invalid_client', error_description: expect.stringContaining('JWKS URL') } });
  });
});

describe('a system client registered with inline keys', () => {
  it('is refused (invalid_client) when its assertion carries any jku header', async () => {
    const plain = await clientCredentials({ clientId: inlineClientId, tokenEndpoint, key: inlineKey, scope: 'system/Patient.rs' });
    expect(plain.status).toBe(200);
    const assertion = await clientAssertion({ clientId: inlineClientId, tokenEndpoint, key: inlineKey, jku: jwksUrl });
    const res = await requestToken(tokenEndpoint, { grant_type: 'client_credentials', scope: 'system/Patient.rs', client_assertion_type: JWT_BEARER, client_assertion: assertion });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });
});

describe('registering by URL', () => {
  it('needs exactly one of jwks and jwksUrl, and an https URL (http only on localhost)', async () => {
    const key = await newClientKey('ES384');
    const base = { name: 'x', scopes: ['system/*.read'] };
    await expect(createSystemClient(server.auth, { ...base, clientId: 'both', jwks: { keys: [key.publicJwk] }, jwksUrl })).rejects.toMatchObject({ status: 400 });
    await expect(createSystemClient(server.auth, { ...base, clientId: 'neither' })).rejects.toMatchObject({ status: 400 });
    await expect(createSystemClient(server.auth, { ...base, clientId: 'plain-http', jwksUrl: 'http://keys.example.org/jwks.json' })).rejects.toMatchObject({ status: 400 });
    await expect(createSystemClient(server.auth, { ...base, clientId: 'https-ok', jwksUrl: 'https://keys.example.org/jwks.json' })).resolves.toMatchObject({ jwksUrl: 'https://keys.example.org/jwks.json' });
  });
});
