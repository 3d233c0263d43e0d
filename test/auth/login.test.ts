import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deactivateUser } from '../../server/auth/admin/deactivate-user.js';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestAccount, type TestServer } from '../support/server.js';

let server: TestServer;
let caseworker: TestAccount;
const login = (body: unknown, headers: Record<string, string> = {}) => jsonRequest('POST', `${server.origin}/auth/login`, body, headers);

beforeAll(async () => {
  server = await startTestServer();
  caseworker = await server.createAccount({ role: 'caseworker', givenName: 'Layla', familyName: 'Hassan' });
});
afterAll(() => server.close());

describe('POST /auth/login', () => {
  it('answers an access token, a refresh token, Bearer and expires_in', async () => {
    const res = await login({ username: caseworker.username, password: caseworker.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [header, payload] = (res.body.access_token as string).split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: caseworker.id, role: 'caseworker', iss: 'urn:hiwa', aud: 'urn:hiwa:api', jti: expect.any(String) });
    expect(payload.exp - payload.iat).toBe(900);
  });

  it('takes the username in any case and with surrounding spaces', async () => {
    const res = await login({ username: ` ${caseworker.username.toUpperCase()} `, password: caseworker.password });
    expect(res.status).toBe(200);
  });

  it('says the same thing for a wrong password, an unknown user and a deactivated account', async () => {
    const deactivated = await server.createAccount();
    await deactivateUser(server.auth, deactivated.username);

    const wrong = await login({ username: caseworker.username, password: 'not the password at all' });
    const unknown = await login({ username: 'nobody.here', password: 'not the password at all' });
    const inactive = await login({ username: deactivated.username, password: deactivated.password });
    for (const res of [wrong, unknown, inactive]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'Invalid credentials' }] });
    }
  });

  it('checks the body with zod: missing fields are a 400 naming the field', async () => {
    const res = await login({ username: caseworker.username });
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['password']);
  });

  it('answers malformed JSON with a 400 OperationOutcome and no stack trace', async () => {
    const res = await jsonRequest('POST', `${server.origin}/auth/login`, '{"username": ', { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(res.body)).not.toMatch(/\bat \w|node_modules|SELECT/);
  });

  it('refuses a body larger than the login limit with 413', async () => {
    const res = await login({ username: caseworker.username, password: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});

describe('GET /auth/me', () => {
  it('describes the caller: practitioner name, role, organisation and sites with names', async () => {
    const { access_token } = await server.login(caseworker.username, caseworker.password);
    const res = await jsonRequest('GET', `${server.origin}/auth/me`, undefined, bearer(access_token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'staff',
      userId: caseworker.id,
      username: caseworker.username,
      practitionerId: caseworker.practitionerId,
      displayName: 'Layla Hassan',
      role: 'caseworker',
      organization: { id: server.organizationId, name: 'Test programme' },
      sites: [{ id: server.siteId, name: 'Test site' }],
      secondFactor: false,
    });
  });

  it('needs a token', async () => {
    const res = await jsonRequest('GET', `${server.origin}/auth/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });
});

describe('the account in FHIR', () => {
  it('is a Practitioner with a PractitionerRole carrying role, organisation and sites', async () => {
    const { access_token } = await server.login(caseworker.username, caseworker.password);
    const fhir = (path: string) => jsonRequest('GET', `${server.fhirBase}/${path}`, undefined, bearer(access_token));
    const practitioner = await jsonRequest('GET', `${server.fhirBase}/Practitioner/${caseworker.practitionerId}`, undefined, bearer(server.token));
    expect(practitioner.body.name[0].text).toBe('Layla Hassan');
    const role = await jsonRequest('GET', `${server.fhirBase}/PractitionerRole/${caseworker.practitionerRoleId}`, undefined, bearer(server.token));
    expect(role.body.practitioner.reference).toBe(`Practitioner/${caseworker.practitionerId}`);
    expect(role.body.organization.reference).toBe(`Organization/${server.organizationId}`);
    expect(role.body.code[0].coding[0].code).toBe('caseworker');
    expect(role.body.location).toEqual([{ reference: `Location/${server.siteId}` }]);
    expect((await fhir('metadata')).status).toBe(200);
  });
});
