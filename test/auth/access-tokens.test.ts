import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens, type StaffClaims, staffPrincipalFrom } from '../../server/auth/access-tokens.js';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let claims: Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer();
  const { access_token } = await server.login(server.account.username, server.account.password);
  claims = jwt.decode(access_token) as Record<string, unknown>;
});
afterAll(() => server.close());

const readWith = (token: string) => jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(token));
const body = () => {
  const { iat: _iat, exp: _exp, iss: _iss, aud: _aud, ...rest } = claims;
  return { ...rest, jti: randomUUID() };
};
const signedByServer = (options: jwt.SignOptions, payload: object = body()) =>
  jwt.sign(payload, server.auth.signingKey.privateKey, { algorithm: 'ES256', issuer: 'urn:hiwa', audience: 'urn:hiwa:api', expiresIn: 600, ...options });

async function expectRejected(token: string): Promise<void> {
  const res = await readWith(token);
  expect(res.status).toBe(401);
  expect(res.body.resourceType).toBe('OperationOutcome');
  expect(res.body.issue[0].code).toBe('login');
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
}

describe('Bearer authentication on the FHIR API', () => {
  it('accepts a token the server signed, as the control for the cases below', async () => {
    expect((await readWith(signedByServer({}))).status).toBe(200);
  });

  it('rejects a request without a token, or with another scheme', async () => {
    const none = await jsonRequest('GET', `${server.fhirBase}/Patient`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="hiwa"');
    expect((await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, { Authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
  });

  it('rejects garbage and a token with a changed payload (forged)', async () => {
    await expectRejected('not.a.jwt');
    const [h, , s] = signedByServer({}).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...body(), role: 'supervisor', iss: 'urn:hiwa', aud: 'urn:hiwa:api', exp: 9_999_999_999 })).toString('base64url');
    await expectRejected(`${h}.${forgedPayload}.${s}`);
  });

  it('rejects an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRejected(jwt.sign({ ...body(), iat: past, exp: past + 900 }, server.auth.signingKey.privateKey, { algorithm: 'ES256', issuer: 'urn:hiwa', audience: 'urn:hiwa:api' }));
  });

  it('rejects a wrong audience and a wrong issuer', async () => {
    await expectRejected(signedByServer({ audience: 'https://elsewhere.example/fhir' }));
    await expectRejected(signedByServer({ issuer: 'https://attacker.example' }));
  });

  it("rejects alg 'none'", async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(JSON.stringify({ ...body(), iss: 'urn:hiwa', aud: 'urn:hiwa:api', iat: now, exp: now + 600 })).toString('base64url');
    await expectRejected(`${header}.${payload}.`);
  });

  it('rejects a token signed by another key of the same kind', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await expectRejected(jwt.sign(body(), other, { algorithm: 'ES256', issuer: 'urn:hiwa', audience: 'urn:hiwa:api', expiresIn: 600 }));
  });

  it('rejects HS256 keyed with the server public key (algorithm confusion)', async () => {
    const publicPem = server.auth.signingKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(JSON.stringify({ ...body(), iss: 'urn:hiwa', aud: 'urn:hiwa:api', iat: now, exp: now + 600 })).toString('base64url');
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    await expectRejected(`${header}.${payload}.${signature}`);
  });

  it('rejects a well-signed token whose claims do not describe a principal', async () => {
    await expectRejected(signedByServer({}, { ...body(), role: 'superuser' }));
    await expectRejected(signedByServer({}, { kind: 'staff', jti: randomUUID() }));
  });

  it('rejects a token of an older token generation (issued before a deactivation)', async () => {
    await expectRejected(signedByServer({}, { ...body(), gen: (claims.gen as number) - 1 }));
  });

  it('leaves the CapabilityStatement public, as SMART clients read it first', async () => {
    const res = await jsonRequest('GET', `${server.fhirBase}/metadata`);
    expect(res.status).toBe(200);
    expect(res.body.resourceType).toBe('CapabilityStatement');
  });
});

describe('a token already verified once', () => {
  // The signature check is remembered per token; expiry is still judged on every use, by the server's clock.
  let now = new Date('2026-03-01T08:00:00Z');
  const tokens = () => new AccessTokens({ key: server.auth.signingKey, issuer: 'urn:hiwa', audience: 'urn:hiwa:api', clock: () => now });
  const principal = () => staffPrincipalFrom({ ...(claims as StaffClaims), sub: claims.sub as string });

  it('is accepted again until it expires, and refused from its expiry on', () => {
    const verifier = tokens();
    const { token } = verifier.issueStaff(principal(), 3, 900);
    expect(verifier.verify(token)?.sub).toBe(claims.sub);
    now = new Date(now.getTime() + 899_000);
    expect(verifier.verify(token)?.sub).toBe(claims.sub);
    now = new Date(now.getTime() + 1_000);
    expect(verifier.verify(token)).toBeUndefined();
  });

  it('does not vouch for another token that shares its header and payload', () => {
    const verifier = tokens();
    const { token } = verifier.issueStaff(principal(), 3, 900);
    expect(verifier.verify(token)).toBeDefined();
    const [header, payload] = token.split('.');
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const wrongSignature = jwt.sign(jwt.decode(token) as object, otherKey, { algorithm: 'ES256' }).split('.')[2];
    expect(verifier.verify(`${header}.${payload}.${wrongSignature}`)).toBeUndefined();
    expect(verifier.verify(`${header}.${payload}.`)).toBeUndefined();
  });

  it('keeps its claims unchangeable, as every request of that token shares them', () => {
    const verifier = tokens();
    const { token } = verifier.issueStaff(principal(), 3, 900);
    const first = verifier.verify(token) as StaffClaims;
    expect(() => first.sites.push('another-site')).toThrow(TypeError);
    expect(verifier.verify(token)).toEqual(first);
  });
});
