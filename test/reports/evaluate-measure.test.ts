import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { fhirClient } from '../support/server.js';
import { clientCredentials, newClientKey } from '../support/smart-client.js';
import { useTestServer } from '../support/suite.js';

/**
 * `Measure/{id}/$evaluate-measure` over HTTP, on a small programme whose figures are worked out here:
 * in the first quarter of 2026, at the programme's site, 12 women had an emotional-support session each,
 * 3 boys a PFA session each; the 12 women then met once in a guided group discussion (one activity, 12
 * services); an implementing partner gave 6 men a psychiatric consultation each at its site.
 * Services: 12 + 3 + 12 + 6 = 33; beneficiaries: 21, all new; group activities: 1.
 */

const SITE_EXT = 'https://hiwa.health/fhir/StructureDefinition/registration-site';
const SERVICE_TYPE = 'https://hiwa.health/fhir/CodeSystem/service-type';
const suite = useTestServer();
type Fhir = ReturnType<typeof fhirClient>;
let migration: Fhir;
let reporter: Fhir;
let reporterToken: string;
let caseworker: Fhir;
let doh: Fhir;
let measureId: string;
let partnerOrg: string;
let partnerSite: string;

const period = 'periodStart=2026-01-01&periodEnd=2026-03-31';

async function transaction(resources: Record<string, unknown>[]): Promise<string[]> {
  const res = await migration('POST', '', {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({ resource, request: { method: 'POST', url: resource.resourceType } })),
  });
  if (res.status !== 200) throw new Error(`setup: ${JSON.stringify(res.body)}`);
  return (res.body.entry as { response: { location: string } }[]).map((e) => e.response.location.split('/')[1]);
}

const patient = (gender: string, birthDate: string, org: string, site: string) => ({
  resourceType: 'Patient',
  name: [{ family: 'Measure', given: ['Test'] }],
  gender,
  birthDate,
  managingOrganization: { reference: `Organization/${org}` },
  extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${site}` } }],
  address: [{ state: 'Duhok' }],
});

const encounter = (service: string, at: string, site: string, org: string, subject?: string, partOf?: string) => ({
  resourceType: 'Encounter',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  serviceType: { coding: [{ system: SERVICE_TYPE, code: service }] },
  ...(subject === undefined ? {} : { subject: { reference: subject } }),
  ...(partOf === undefined ? {} : { partOf: { reference: `Encounter/${partOf}` } }),
  period: { start: at, end: at },
  location: [{ location: { reference: `Location/${site}` } }],
  serviceProvider: { reference: `Organization/${org}` },
});

async function staff(role: 'reporter' | 'caseworker'): Promise<{ fhir: Fhir; token: string }> {
  const account = await suite.server.createAccount({ role });
  const { access_token: token } = await suite.server.login(account.username, account.password);
  return { fhir: fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${token}` }), token };
}

beforeAll(async () => {
  const server = suite.server;
  migration = fhirClient(server.fhirBase, { Authorization: `Bearer ${await server.dataMigrationToken()}` });
  partnerOrg = (await createOrganization(server.auth, { name: 'Partner CSO', partOf: server.organizationId })).id as string;
  partnerSite = (await createSite(server.auth, { name: 'Partner site', organization: partnerOrg })).id as string;
  const [org, site] = [server.organizationId, server.siteId];

  const women = await transaction(Array.from({ length: 12 }, () => patient('female', '1990-06-01', org, site)));
  const boys = await transaction(Array.from({ length: 3 }, () => patient('male', '2015-06-01', org, site)));
  const men = await transaction(Array.from({ length: 6 }, () => patient('male', '1985-06-01', partnerOrg, partnerSite)));
  await transaction([
    ...women.map((id) => encounter('emotional-support', '2026-01-10T09:00:00Z', site, org, `Patient/${id}`)),
    ...boys.map((id) => encounter('pfa', '2026-02-10T09:00:00Z', site, org, `Patient/${id}`)),
    ...men.map((id) => encounter('psychiatric-consultation', '2026-03-10T09:00:00Z', partnerSite, partnerOrg, `Patient/${id}`)),
  ]);
  const [meeting] = await transaction([{ ...encounter('guided-group-discussion', '2026-03-01T10:00:00Z', site, org), subject: undefined }]);
  await transaction(women.map((id) => encounter('guided-group-discussion', '2026-03-01T10:00:00Z', site, org, `Patient/${id}`, meeting)));

  ({ fhir: reporter, token: reporterToken } = await staff('reporter'));
  ({ fhir: caseworker } = await staff('caseworker'));

  const directorate = await createOrganization(server.auth, { name: 'Directorate of Health (test)', type: 'govt' });
  const key = await newClientKey('ES384');
  const scope = 'system/Measure.rs system/MeasureReport.rs';
  await createSystemClient(server.auth, { clientId: 'doh-measures', name: 'DoH', jwks: { keys: [key.publicJwk] }, scopes: scope.split(' '), organization: directorate.id as string });
  const token = await clientCredentials({ clientId: 'doh-measures', key, tokenEndpoint: `${server.origin}/oauth2/token`, scope });
  doh = fhirClient(server.fhirBase, { Authorization: `Bearer ${token.body.access_token as string}` });

  const found = await reporter('GET', 'Measure?url=https://hiwa.health/fhir/Measure/activity');
  measureId = found.body.entry[0].resource.id as string;
}, 180_000);

type Report = { group: { code: { coding: { code: string }[] }; population: { count?: number; extension?: unknown[] }[]; stratifier?: Stratifier[] }[] };
type Stratifier = { code: { coding: { code: string }[] }[]; stratum: { value?: { text?: string; coding?: { code: string }[] }; component?: unknown[]; population: { count?: number }[] }[] };

const group = (report: Report, code: string) => report.group.find((g) => g.code.coding[0].code === code);
const strata = (report: Report, indicator: string, disaggregation: string): Record<string, number | 'masked'> =>
  Object.fromEntries(
    (group(report, indicator)?.stratifier?.find((s) => s.code[0].coding[0].code === disaggregation)?.stratum ?? []).map((st) => [
      st.value?.coding?.[0]?.code ?? st.value?.text ?? '',
      st.population[0].count ?? 'masked',
    ]),
  );

describe('$evaluate-measure', () => {
  it('installs the measures at start, readable by everyone', async () => {
    const res = await caseworker('GET', 'Measure?_count=10');
    expect(res.status).toBe(200);
    expect((res.body.entry as { resource: { url: string } }[]).map((e) => e.resource.url).sort()).toEqual([
      'https://hiwa.health/fhir/Measure/activity',
      'https://hiwa.health/fhir/Measure/case-management',
      'https://hiwa.health/fhir/Measure/outcome',
    ]);
  });

  it("answers the supervisor with the figures of their sites, unsuppressed", async () => {
    const res = await suite.fhir('GET', `Measure/${measureId}/$evaluate-measure?${period}`);
    expect(res.status).toBe(200);
    expect(res.body.resourceType).toBe('MeasureReport');
    expect(res.body.period).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    // the supervisor's reach is their site: the partner's consultations are not theirs
    expect(group(res.body, 'services')?.population[0].count).toBe(27);
    expect(group(res.body, 'group-activities')?.population[0].count).toBe(1);
    expect(strata(res.body, 'services', 'age-group')).toEqual({ 'under-18': 3, '18-and-over': 24 });
  });

  it('answers the reporter for the whole programme, partner included, with small cells suppressed', async () => {
    const res = await reporter('GET', `Measure/${measureId}/$evaluate-measure?${period}`);
    expect(res.status).toBe(200);
    const report = res.body as Report;
    expect(group(report, 'services')?.population[0].count).toBe(33);
    expect(group(report, 'beneficiaries')?.population[0].count).toBe(21);
    expect(group(report, 'new-beneficiaries')?.population[0].count).toBe(21);
    expect(strata(report, 'services', 'delivery')).toEqual({ direct: 27, partner: 6 });
    // 3 boys: too few to publish, and the age groups add up to the total, so the other is hidden too
    expect(strata(report, 'beneficiaries', 'age-group')).toEqual({ 'under-18': 'masked', '18-and-over': 'masked' });
    // the 3 boys are the only men under 18: gender crossed with age would give them back, so gender goes too
    expect(strata(report, 'beneficiaries', 'gender')).toEqual({ female: 'masked', male: 'masked' });
    // one meeting: a group activity count of 1 is itself suppressed
    expect(group(report, 'group-activities')?.population[0]).toMatchObject({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }] });
    // sites are named
    const sites = group(report, 'services')?.stratifier?.find((st) => st.code[0].coding[0].code === 'service-site')?.stratum ?? [];
    expect(sites.map((st) => st.value?.text).sort()).toEqual(['Partner site', 'Test site']);
    expect(sites.map((st) => st.value?.coding?.[0]?.code).sort()).toEqual([partnerSite, suite.server.siteId].sort());
  });

  it('gives the same table as CSV with _format=csv or Accept: text/csv', async () => {
    for (const [query, accept] of [[`${period}&_format=csv`, undefined], [period, 'text/csv']] as const) {
      const res = await fetch(`${suite.server.fhirBase}/Measure/${measureId}/$evaluate-measure?${query}`, {
        headers: { Authorization: `Bearer ${reporterToken}`, ...(accept ? { Accept: accept } : {}) },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toContain('attachment; filename="activity-2026-01-01-2026-03-31.csv"');
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toBe('measure,period_start,period_end,subject,indicator,indicator_display,disaggregation,stratum,stratum_display,count,score,unit,suppressed');
      expect(lines).toContain('https://hiwa.health/fhir/Measure/activity|1.0.0,2026-01-01,2026-03-31,,services,Services (one per beneficiary attendance),,,,33,,,false');
      expect(lines.find((l) => l.includes(',beneficiaries,') && l.includes(',age-group,under-18,'))?.endsWith(',,,,true')).toBe(true);
    }
  });

  it('answers a Directorate of Health with suppressed figures of every organisation', async () => {
    const res = await doh('GET', `Measure/${measureId}/$evaluate-measure?${period}`);
    expect(res.status).toBe(200);
    expect(group(res.body, 'services')?.population[0].count).toBe(33);
    expect(strata(res.body, 'beneficiaries', 'age-group')).toEqual({ 'under-18': 'masked', '18-and-over': 'masked' });
  });

  it('narrows to an organisation or a site asked for as subject, within reach only', async () => {
    const partner = await reporter('GET', `Measure/${measureId}/$evaluate-measure?${period}&subject=Organization/${partnerOrg}`);
    expect(partner.status).toBe(200);
    expect(group(partner.body, 'services')?.population[0].count).toBe(6);
    expect(partner.body.subject).toEqual({ reference: `Organization/${partnerOrg}` });
    const site = await reporter('GET', `Measure/${measureId}/$evaluate-measure?${period}&subject=Location/${suite.server.siteId}`);
    expect(group(site.body, 'services')?.population[0].count).toBe(27);
    const other = await createOrganization(suite.server.auth, { name: 'Another programme' });
    const refused = await reporter('GET', `Measure/${measureId}/$evaluate-measure?${period}&subject=Organization/${other.id as string}`);
    expect(refused.status).toBe(403);
  });

  it('refuses a caseworker, and bad parameters with 400 naming them', async () => {
    expect((await caseworker('GET', `Measure/${measureId}/$evaluate-measure?${period}`)).status).toBe(403);
    const missing = await reporter('GET', `Measure/${measureId}/$evaluate-measure?periodStart=2026-01-01`);
    expect(missing.status).toBe(400);
    expect(missing.body.issue[0].expression).toEqual(['periodEnd']);
    expect((await reporter('GET', `Measure/${measureId}/$evaluate-measure?${period}&patient=Patient/x`)).status).toBe(400);
    expect((await reporter('GET', `Measure/${measureId}/$evaluate-measure?periodStart=2026-04-01&periodEnd=2026-03-31`)).status).toBe(400);
    expect((await reporter('GET', `Measure/${measureId}/$evaluate-measure?periodStart=2026-13&periodEnd=2026-12`)).status).toBe(400);
    // a subject that names nothing is not answered with a report of zeros
    for (const unknown of ['Location/no-such-site', 'Organization/no-such-organisation']) {
      const res = await reporter('GET', `Measure/${measureId}/$evaluate-measure?${period}&subject=${unknown}`);
      expect(res.status, unknown).toBe(400);
      expect(res.body.issue[0].expression).toEqual(['subject']);
      expect(res.body.issue[0].diagnostics).toBe(`subject ${unknown} names no ${unknown.split('/')[0]} that Hiwa knows`);
    }
  });

  it('refuses CSV where no table is served (406)', async () => {
    const res = await reporter('GET', 'MeasureReport?_format=csv');
    expect(res.status).toBe(406);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
  });

  it('stores a report on POST, suppressed, which the reporter then finds', async () => {
    const stored = await suite.fhir('POST', `Measure/${measureId}/$evaluate-measure?${period}`);
    expect(stored.status).toBe(201);
    expect(stored.headers.get('location')).toMatch(/\/MeasureReport\/[^/]+\/_history\/1$/);
    expect(strata(stored.body, 'beneficiaries', 'age-group')).toEqual({ 'under-18': 'masked', '18-and-over': 'masked' });
    const found = await reporter('GET', 'MeasureReport?measure=https://hiwa.health/fhir/Measure/activity|1.0.0');
    expect(found.status).toBe(200);
    expect((found.body.entry as { resource: { id: string } }[]).map((e) => e.resource.id)).toContain(stored.body.id);
    expect((await caseworker('GET', 'MeasureReport')).status).toBe(403);
  });

  it("counts each Encounter and person as they now stand: an update that moves a service, a deletion, a corrected gender, at once", async () => {
    const { organizationId: org, siteId: site } = suite.server;
    const services = async (month: string) =>
      group((await suite.fhir('GET', `Measure/${measureId}/$evaluate-measure?periodStart=2026-${month}-01&periodEnd=2026-${month}-28`)).body, 'services')?.population[0].count;
    const people = await transaction([patient('female', '1991-01-01', org, site), patient('female', '1992-01-01', org, site)]);
    const [moved, removed] = await transaction(people.map((id) => encounter('emotional-support', '2026-06-10T09:00:00Z', site, org, `Patient/${id}`)));
    expect([await services('06'), await services('07')]).toEqual([2, 0]);

    const update = await migration('PUT', `Encounter/${moved}`, { ...encounter('pfa', '2026-07-10T09:00:00Z', site, org, `Patient/${people[0]}`), id: moved });
    expect(update.status).toBe(200);
    expect((await migration('DELETE', `Encounter/${removed}`)).status).toBe(200);
    expect([await services('06'), await services('07')]).toEqual([0, 1]);

    // the person as their Patient now stands: a corrected gender is counted at once
    const corrected = await migration('PUT', `Patient/${people[0]}`, { ...patient('male', '1991-01-01', org, site), id: people[0] });
    expect(corrected.status).toBe(200);
    const july = (await suite.fhir('GET', `Measure/${measureId}/$evaluate-measure?periodStart=2026-07-01&periodEnd=2026-07-28`)).body as Report;
    expect(strata(july, 'services', 'gender')).toEqual({ male: 1 });
  });

  it('evaluates the outcome and case-management measures too', async () => {
    for (const name of ['outcome', 'case-management']) {
      const m = await reporter('GET', `Measure?url=https://hiwa.health/fhir/Measure/${name}`);
      const res = await reporter('GET', `Measure/${m.body.entry[0].resource.id as string}/$evaluate-measure?${period}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.group.length).toBeGreaterThan(3);
    }
  });
});
