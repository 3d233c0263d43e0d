import { describe, expect, it } from 'vitest';
import { createSite } from '../../server/auth/admin/create-site.js';
import { REGISTRATION_SITE_URL } from '../../server/store/patient-access.js';
import { bearer, jsonRequest } from '../support/http.js';
import { useTestServer } from '../support/suite.js';

const suite = useTestServer();

/** Registers a beneficiary as a caseworker of the given sites; the answer as the partner's system would see it. */
async function registerAs(sites: string[], patient: Record<string, unknown>) {
  const account = await suite.server.createAccount({ role: 'caseworker', sites });
  const { access_token } = await suite.server.login(account.username, account.password);
  return jsonRequest('POST', `${suite.server.fhirBase}/Patient`, { resourceType: 'Patient', name: [{ family: 'Hassan' }], ...patient }, {
    ...bearer(access_token),
    'Content-Type': 'application/fhir+json',
  });
}

const siteExtension = (siteId: string) => ({ url: REGISTRATION_SITE_URL, valueReference: { reference: `Location/${siteId}` } });

describe('the registration site of a new beneficiary', () => {
  it('is the site of staff who work at one site, when the client gives none', async () => {
    const res = await registerAs([suite.server.siteId], {});
    expect(res.status).toBe(201);
    expect(res.body.extension).toEqual([siteExtension(suite.server.siteId)]);
  });

  it('must be given by staff of several sites: 422 naming the extension and listing their sites, nothing stored', async () => {
    const second = (await createSite(suite.server.auth, { name: 'Mobile team', organization: suite.server.organizationId })).id as string;
    const res = await registerAs([suite.server.siteId, second], { name: [{ family: 'Unplaced' }] });
    expect(res.status).toBe(422);
    const [problem] = res.body.issue;
    expect(problem).toMatchObject({ severity: 'error', code: 'required', expression: [`Patient.extension('${REGISTRATION_SITE_URL}')`] });
    expect(problem.diagnostics).toContain(`Location/${suite.server.siteId}`);
    expect(problem.diagnostics).toContain(`Location/${second}`);
    const found = await jsonRequest('GET', `${suite.server.fhirBase}/Patient?family=Unplaced`, undefined, bearer(suite.server.token));
    expect(found.body.entry ?? []).toEqual([]);

    const placed = await registerAs([suite.server.siteId, second], { extension: [siteExtension(second)] });
    expect(placed.status).toBe(201);
  });
});
