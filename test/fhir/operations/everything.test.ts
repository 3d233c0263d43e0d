import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../../server/auth/admin/create-organization.js';
import { createSystemClient } from '../../../server/auth/admin/create-system-client.js';
import { staffRoles } from '../../../server/auth/principal.js';
import { consentFor } from '../../access/consents.js';
import { buildWorld, expectedAccess, patientKeys, type PatientKey, type Staff, type World } from '../../access/world.js';
import { fhirClient } from '../../support/server.js';
import { clientCredentials, newClientKey } from '../../support/smart-client.js';
import { useTestServer } from '../../support/suite.js';

/**
 * Patient/[id]/$everything (R4 patient-operation-everything) under the access rule of a search, for every
 * role of the policy table and a Directorate of Health: the patient and their compartment when the caller
 * reaches the patient, PSY content only for roles that see it, 404 for a patient out of reach, 403 for a
 * role without clinical access. Paging with _count, _type and _since.
 */

const suite = useTestServer();
let world: World;
let doh: ReturnType<typeof fhirClient>;
beforeAll(async () => {
  world = await buildWorld(suite.server);
  // The Directorate may see the unassigned patient only: the one with an active exchange Consent.
  await world.migration('POST', 'Consent', consentFor({ patientId: world.patients.unassignedA1.id, purpose: 'doh-exchange' }));
  const key = await newClientKey('ES384');
  const organization = (await createOrganization(suite.server.auth, { name: 'Directorate (everything)', type: 'govt' })).id as string;
  await createSystemClient(suite.server.auth, { clientId: 'doh-everything', name: 'DoH', jwks: { keys: [key.publicJwk] }, scopes: ['system/*.read'], organization });
  const token = await clientCredentials({ clientId: 'doh-everything', key, tokenEndpoint: `${suite.server.origin}/oauth2/token`, scope: 'system/*.read' });
  doh = fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${token.body.access_token as string}` });
}, 120_000);

type Entry = { resource: { resourceType: string; id: string; meta?: { security?: { code: string }[] } } };
const refs = (body: { entry?: Entry[] }): string[] => (body.entry ?? []).map((e) => `${e.resource.resourceType}/${e.resource.id}`);

const staffKeys = [...staffRoles.map((r) => `a.${r}`), 'b.caseworker'];
const cases = staffKeys.flatMap((s) => patientKeys.map((p) => [s, p] as [string, PatientKey]));

describe.each(cases)('%s: $everything of the patient %s', (staffKey, patientKey) => {
  it('answers as the policy table says, PSY content included only for roles that see it', async () => {
    const m = world.staff.find((s) => s.key === staffKey) as Staff;
    const p = world.patients[patientKey];
    const res = await m.fhir('GET', `Patient/${p.id}/$everything`);
    const access = expectedAccess(m, p, false);
    expect(res.status).toBe(access === 'visible' ? 200 : access === 'hidden' ? 404 : 403);
    if (access !== 'visible') return;
    expect(res.body.type).toBe('searchset');
    const found = refs(res.body);
    expect(found).toContain(`Patient/${p.id}`);
    expect(found).toContain(`Observation/${p.observationId}`);
    expect(found.includes(`Condition/${p.psyConditionId}`)).toBe(expectedAccess(m, p, true) === 'visible');
    // Nobody else's records: every resource is this patient's.
    expect(found.filter((r) => r.startsWith('Patient/'))).toEqual([`Patient/${p.id}`]);
  });
});

describe('a Directorate of Health', () => {
  it('gets a consented patient without PSY content, and 404 for anyone else', async () => {
    const consented = world.patients.unassignedA1;
    const res = await doh('GET', `Patient/${consented.id}/$everything`);
    expect(res.status).toBe(200);
    const found = refs(res.body);
    expect(found).toContain(`Observation/${consented.observationId}`);
    expect(found).not.toContain(`Condition/${consented.psyConditionId}`);
    expect((await doh('GET', `Patient/${world.patients.atSiteA2.id}/$everything`)).status).toBe(404);
  });
});

describe('paging, _type and _since', () => {
  it('pages with _count through next links, each resource once', async () => {
    const supervisor = world.staff.find((s) => s.key === 'a.supervisor') as Staff;
    const p = world.patients.managedByOtherA1;
    const all = refs((await supervisor.fhir('GET', `Patient/${p.id}/$everything`)).body);
    expect(all.length).toBeGreaterThanOrEqual(4); // Patient, EpisodeOfCare, Observation, Condition
    const paged: string[] = [];
    let path: string | undefined = `Patient/${p.id}/$everything?_count=1`;
    while (path) {
      const page: { status: number; body: { entry?: Entry[]; link: { relation: string; url: string }[] } } = await supervisor.fhir('GET', path);
      expect(page.status).toBe(200);
      expect((page.body.entry ?? []).length).toBeLessThanOrEqual(1);
      paged.push(...refs(page.body));
      const next: string | undefined = page.body.link.find((l) => l.relation === 'next')?.url;
      path = next?.slice(suite.server.fhirBase.length + 1);
    }
    expect(paged).toEqual(all);
  });

  it('_type keeps the types named; _since what changed after it; an unknown parameter is a 400', async () => {
    const supervisor = world.staff.find((s) => s.key === 'a.supervisor') as Staff;
    const p = world.patients.unassignedA1;
    const observations = refs((await supervisor.fhir('GET', `Patient/${p.id}/$everything?_type=Observation`)).body);
    expect(observations).toEqual([`Observation/${p.observationId}`]);
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = await world.migration('POST', 'Observation', {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'later' },
      subject: { reference: `Patient/${p.id}` },
    });
    const changed = refs((await supervisor.fhir('GET', `Patient/${p.id}/$everything?_since=${encodeURIComponent(since)}`)).body);
    expect(changed).toEqual([`Observation/${later.body.id as string}`]);
    expect((await supervisor.fhir('GET', `Patient/${p.id}/$everything?start=2020-01-01`)).status).toBe(400);
    expect((await supervisor.fhir('GET', `Patient/${p.id}/$everything?start=2020-01-01`, undefined, { Prefer: 'handling=lenient' })).status).toBe(200);
  });
});
