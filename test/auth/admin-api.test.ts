import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/auth/totp.js';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { newClientKey } from '../support/smart-client.js';

let server: TestServer;
let adminToken: string;
const admin = (method: string, path: string, body?: unknown, token = adminToken) =>
  jsonRequest(method, `${server.origin}/admin/${path}`, body, bearer(token));

beforeAll(async () => {
  server = await startTestServer();
  const account = await server.createAccount({ role: 'admin', sites: [] });
  adminToken = (await server.login(account.username, account.password, currentTotpCode(account.totp?.secret as string, new Date()))).access_token;
});
afterAll(() => server.close());

describe('the admin API is for admins only', () => {
  it('401 without a token, 403 for other roles', async () => {
    expect((await jsonRequest('GET', `${server.origin}/admin/users`)).status).toBe(401);
    const supervisor = await admin('GET', 'users', undefined, server.token);
    expect(supervisor.status).toBe(403);
    expect(supervisor.body.resourceType).toBe('OperationOutcome');
  });
});

describe('organisations, sites and users', () => {
  it('creates an organisation and a site (Location managed by it)', async () => {
    const org = await admin('POST', 'organizations', { name: 'Partner CSO', type: 'prov' });
    expect(org.status).toBe(201);
    expect(org.body).toMatchObject({ resourceType: 'Organization', name: 'Partner CSO', active: true });
    const site = await admin('POST', 'sites', { name: 'Sinjar', organization: org.body.id, governorate: 'Ninewa', kind: 'town' });
    expect(site.status).toBe(201);
    expect(site.body).toMatchObject({ resourceType: 'Location', name: 'Sinjar', managingOrganization: { reference: `Organization/${org.body.id}` } });
  });

  it('creates a user who can log in, and lists users without secrets', async () => {
    const res = await admin('POST', 'users', {
      username: 'New.Psychologist',
      password: 'a long enough passphrase',
      role: 'psychologist',
      organization: server.organizationId,
      sites: [server.siteId],
      givenName: 'Dilan',
      familyName: 'Ahmed',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'new.psychologist', role: 'psychologist', organizationId: server.organizationId, siteIds: [server.siteId] });
    expect(res.body.totp).toBeUndefined();
    expect((await server.login('new.psychologist', 'a long enough passphrase')).token_type).toBe('Bearer');
    const list = await admin('GET', 'users');
    const listed = list.body.find((u: { username: string }) => u.username === 'new.psychologist');
    expect(listed).toMatchObject({ role: 'psychologist', active: true, secondFactor: false });
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password|totpSecret/i);
  });

  it('gives staff without sites a PractitionerRole without location (never an empty array)', async () => {
    const res = await admin('POST', 'users', {
      username: 'reporter.two',
      password: 'a long enough passphrase',
      role: 'reporter',
      organization: server.organizationId,
      givenName: 'Shilan',
    });
    expect(res.status).toBe(201);
    const role = await jsonRequest('GET', `${server.fhirBase}/PractitionerRole/${res.body.practitionerRoleId}`, undefined, bearer(server.token));
    expect(role.status).toBe(200);
    expect(role.body).not.toHaveProperty('location');
  });

  it('applies the password policy', async () => {
    const base = { role: 'caseworker', organization: server.organizationId, givenName: 'X' };
    const short = await admin('POST', 'users', { ...base, username: 'short.pw', password: 'demo' });
    expect(short.status).toBe(400);
    expect(short.body.issue[0].expression).toEqual(['password']);
    const common = await admin('POST', 'users', { ...base, username: 'common.pw', password: 'password1234' });
    expect(common.status).toBe(400);
    const sameAsUser = await admin('POST', 'users', { ...base, username: 'layla.hassan', password: 'layla.hassan-2024' });
    expect(sameAsUser.status).toBe(400);
  });

  it('names the field of each mistake, and refuses unknown organisations, sites and taken usernames', async () => {
    const bad = await admin('POST', 'users', { username: 'x', role: 'king', password: 'a long enough passphrase' });
    expect(bad.status).toBe(400);
    const fields = bad.body.issue.map((i: { expression: string[] }) => i.expression[0]);
    expect(fields).toEqual(expect.arrayContaining(['username', 'role', 'organization', 'givenName']));
    const base = { password: 'a long enough passphrase', role: 'caseworker', givenName: 'X' };
    const noOrg = await admin('POST', 'users', { ...base, username: 'no.org', organization: 'missing' });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.issue[0].expression).toEqual(['organization']);
    const noSite = await admin('POST', 'users', { ...base, username: 'no.site', organization: server.organizationId, sites: ['missing'] });
    expect(noSite.body.issue[0].expression).toEqual(['sites']);
    const taken = await admin('POST', 'users', { ...base, username: server.account.username, organization: server.organizationId });
    expect(taken.status).toBe(409);
  });

  it('an admin created through the API gets a second factor to scan', async () => {
    const res = await admin('POST', 'users', { username: 'second.admin', password: 'a long enough passphrase', role: 'admin', organization: server.organizationId, givenName: 'Rawa' });
    expect(res.status).toBe(201);
    expect(res.body.totp.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
  });

  it('deactivates a user: their token is refused at once', async () => {
    const leaving = await server.createAccount();
    const { access_token } = await server.login(leaving.username, leaving.password);
    expect((await admin('POST', `users/${leaving.username}/deactivate`)).status).toBe(204);
    expect((await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(access_token))).status).toBe(401);
    expect((await admin('POST', 'users/nobody/deactivate')).status).toBe(404);
  });

  it('reactivates a user: refused sign-in while deactivated, a fresh sign-in afterwards, old tokens stay refused', async () => {
    const returning = await server.createAccount();
    const { access_token: before } = await server.login(returning.username, returning.password);
    expect((await admin('POST', `users/${returning.username}/deactivate`)).status).toBe(204);
    await expect(server.login(returning.username, returning.password)).rejects.toThrow();

    const res = await admin('POST', `users/${returning.username.toUpperCase()}/reactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ username: returning.username, active: true });
    const { access_token: after } = await server.login(returning.username, returning.password);
    expect((await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(after))).status).toBe(200);
    expect((await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(before))).status).toBe(401);
    const listed = (await admin('GET', 'users')).body.find((u: { username: string }) => u.username === returning.username);
    expect(listed.active).toBe(true);

    // in the audit trail as the admin's change, like the deactivation
    const audit = await jsonRequest('GET', `${server.fhirBase}/AuditEvent?subtype=operation&_count=1000`, undefined, bearer(adminToken));
    expect(audit.status).toBe(200);
    const said = (audit.body.entry ?? []).map((e: { resource: { outcomeDesc?: string } }) => e.resource.outcomeDesc);
    expect(said).toEqual(expect.arrayContaining([`deactivate user ${returning.username}`, `reactivate user ${returning.username}`]));
  });

  it('reactivating an active user changes nothing; an unknown user is 404, a malformed name 400, a non-admin 403', async () => {
    const active = await server.createAccount();
    expect((await admin('POST', `users/${active.username}/reactivate`)).status).toBe(200);
    expect((await server.login(active.username, active.password)).token_type).toBe('Bearer');
    const unknown = await admin('POST', 'users/nobody/reactivate');
    expect(unknown.status).toBe(404);
    expect(unknown.body.resourceType).toBe('OperationOutcome');
    const malformed = await admin('POST', 'users/%20x%20/reactivate');
    expect(malformed.status).toBe(400);
    expect(malformed.body.issue[0].expression).toEqual(['username']);
    expect((await admin('POST', `users/${active.username}/reactivate`, undefined, server.token)).status).toBe(403);
  });

  it('resets a second factor: the new secret is answered once and the old one stops working', async () => {
    const created = await admin('POST', 'users', { username: 'third.admin', password: 'a long enough passphrase', role: 'admin', organization: server.organizationId, givenName: 'Soz' });
    const reset = await admin('POST', 'users/third.admin/reset-totp');
    expect(reset.status).toBe(200);
    expect(reset.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    expect(reset.body.secret).not.toBe(created.body.totp.secret);
    await expect(server.login('third.admin', 'a long enough passphrase', currentTotpCode(created.body.totp.secret, new Date()))).rejects.toThrow();
    expect((await server.login('third.admin', 'a long enough passphrase', currentTotpCode(reset.body.secret, new Date()))).token_type).toBe('Bearer');
    expect((await admin('POST', 'users/nobody/reset-totp')).status).toBe(404);
    expect((await admin('POST', 'users/third.admin/reset-totp', undefined, server.token)).status).toBe(403);
  });
});

describe('system clients', () => {
  it('registers a client by its public JWKS and allowed scopes; lists it without keys', async () => {
    const key = await newClientKey('RS384');
    const res = await admin('POST', 'clients', { clientId: 'doh-ninewa', name: 'DoH Ninewa', jwks: { keys: [key.publicJwk] }, scopes: ['system/*.rs'] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ clientId: 'doh-ninewa', name: 'DoH Ninewa', scopes: ['system/*.rs'], organizationId: null, fullAccess: false, jwksUrl: null });
    const list = await admin('GET', 'clients');
    expect(list.body).toEqual([expect.objectContaining({ clientId: 'doh-ninewa', active: true })]);
    expect(list.body[0].jwks).toBeUndefined();
    expect((await admin('POST', 'clients/doh-ninewa/deactivate')).status).toBe(204);
  });

  it('registers a client by its JWKS URL instead, and refuses both or neither naming jwks', async () => {
    const res = await admin('POST', 'clients', { clientId: 'doh-duhok', name: 'DoH Duhok', jwksUrl: 'https://keys.doh-duhok.example/jwks.json', scopes: ['system/*.rs'] });
    expect(res.status).toBe(201);
    expect(res.body.jwksUrl).toBe('https://keys.doh-duhok.example/jwks.json');
    const neither = await admin('POST', 'clients', { clientId: 'doh-none', name: 'None', scopes: ['system/*.rs'] });
    expect(neither.status).toBe(400);
    expect(neither.body.issue[0].expression).toEqual(['jwks']);
  });

  it('refuses private keys, keys of other types and non-system scopes', async () => {
    const { exportJWK, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('ES384', { extractable: true });
    const priv = await admin('POST', 'clients', { clientId: 'c1', name: 'C', jwks: { keys: [await exportJWK(privateKey)] }, scopes: ['system/*.rs'] });
    expect(priv.status).toBe(400);
    const oct = await admin('POST', 'clients', { clientId: 'c2', name: 'C', jwks: { keys: [{ kty: 'oct', k: 'abc' }] }, scopes: ['system/*.rs'] });
    expect(oct.status).toBe(400);
    const key = await newClientKey('ES384');
    const scope = await admin('POST', 'clients', { clientId: 'c3', name: 'C', jwks: { keys: [key.publicJwk] }, scopes: ['user/*.read'] });
    expect(scope.status).toBe(400);
    expect(scope.body.issue[0].expression).toEqual(['scopes.0']);
  });
});
