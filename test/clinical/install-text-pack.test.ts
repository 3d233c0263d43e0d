import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/auth/totp.js';
import { bearer, jsonRequest } from '../support/http.js';
import { fhirClient, startTestServer, type TestServer } from '../support/server.js';

/** Stand-in wording: licensed SDQ wording never goes into this repository, not even in tests. */
const placeholderPack = {
  questionnaire: 'SDQ_P2_4',
  language: 'ar',
  reviewStatus: 'authorised translation (test)',
  licence: 'test authorisation',
  title: 'Placeholder title (ar)',
  items: {
    'sdq-01-consid': { text: 'placeholder wording 1', answerOptions: { 'not-true': 'placeholder 0', 'certainly-true': 'placeholder 2' } },
  },
};

let server: TestServer;
let adminToken: string;
const admin = (method: string, path: string, body?: unknown, token = adminToken) => jsonRequest(method, `${server.origin}/admin/${path}`, body, bearer(token));

beforeAll(async () => {
  server = await startTestServer();
  const account = await server.createAccount({ role: 'admin', sites: [] });
  adminToken = (await server.login(account.username, account.password, currentTotpCode(account.totp?.secret as string, new Date()))).access_token;
});
afterAll(() => server.close());

describe('POST /admin/text-packs', () => {
  it('installs a pack that $localize then words the form with, listed with who installed it, and audited', async () => {
    const before = await fhirClient(server.fhirBase)('GET', 'Questionnaire/sdq-p2-4-1.0.0/$localize?lang=ar');
    expect(before.body.item[0].text).toContain('not installed');

    const res = await admin('POST', 'text-packs', placeholderPack);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ questionnaire: 'SDQ_P2_4', language: 'ar', reviewStatus: 'authorised translation (test)' });

    const localized = await fhirClient(server.fhirBase)('GET', 'Questionnaire/sdq-p2-4-1.0.0/$localize?lang=ar');
    expect(localized.status).toBe(200);
    expect(localized.body.title).toBe('Placeholder title (ar)');
    const first = localized.body.item.find((item: { linkId: string }) => item.linkId === 'sdq-01-consid');
    expect(first.text).toBe('placeholder wording 1');

    const list = await admin('GET', 'text-packs');
    expect(list.status).toBe(200);
    const listed = list.body.find((p: { questionnaire: string }) => p.questionnaire === 'SDQ_P2_4');
    expect(listed).toMatchObject({ language: 'ar', reviewStatus: 'authorised translation (test)' });
    expect(listed.installedBy).toMatch(/\S/);
    expect(Number.isNaN(Date.parse(listed.installedAt))).toBe(false);
    expect(JSON.stringify(list.body)).not.toContain('placeholder wording');

    const audit = await server.store.pool.query<{ content: string }>(`SELECT content::text AS content FROM audit_event WHERE content::text LIKE '%install text pack SDQ_P2_4 (ar)%'`);
    expect(audit.rows.length).toBe(1);
  });

  it('replaces the pack for the same questionnaire and language', async () => {
    const res = await admin('POST', 'text-packs', { ...placeholderPack, title: 'Second placeholder title' });
    expect(res.status).toBe(201);
    const localized = await fhirClient(server.fhirBase)('GET', 'Questionnaire/sdq-p2-4-1.0.0/$localize?lang=ar');
    expect(localized.body.title).toBe('Second placeholder title');
    const list = await admin('GET', 'text-packs');
    expect(list.body.filter((p: { questionnaire: string }) => p.questionnaire === 'SDQ_P2_4')).toHaveLength(1);
  });

  it('refuses a wrong language tag (400 naming language)', async () => {
    const res = await admin('POST', 'text-packs', { ...placeholderPack, language: 'Arabic' });
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['language']);
  });

  it('refuses a pack for a questionnaire that does not exist (422 naming questionnaire)', async () => {
    const res = await admin('POST', 'text-packs', { ...placeholderPack, questionnaire: 'NO_SUCH_FORM' });
    expect(res.status).toBe(422);
    expect(res.body.issue[0]).toMatchObject({ code: 'not-found', expression: ['questionnaire'] });
  });

  it('refuses wording for an item or an option the form does not have (422 naming each)', async () => {
    const res = await admin('POST', 'text-packs', {
      ...placeholderPack,
      questionnaire: 'SDQ_T4_17',
      items: { 'sdq-99-unknown': { text: 'x' }, 'sdq-01-consid': { answerOptions: { 'no-such-option': 'x' } } },
    });
    expect(res.status).toBe(422);
    const named = res.body.issue.map((i: { expression: string[] }) => i.expression[0]).sort();
    expect(named).toEqual(['items.sdq-01-consid.answerOptions.no-such-option', 'items.sdq-99-unknown']);
    const list = await admin('GET', 'text-packs');
    expect(list.body.some((p: { questionnaire: string }) => p.questionnaire === 'SDQ_T4_17')).toBe(false);
  });

  it('is for admins only: 403 for other roles, 401 without a token', async () => {
    const res = await admin('POST', 'text-packs', { ...placeholderPack, questionnaire: 'SDQ_S11_17' }, server.token);
    expect(res.status).toBe(403);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect((await admin('GET', 'text-packs', undefined, server.token)).status).toBe(403);
    expect((await jsonRequest('POST', `${server.origin}/admin/text-packs`, placeholderPack)).status).toBe(401);
  });
});
