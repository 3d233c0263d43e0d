import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { fhirClient } from '../support/server.js';
import { clientCredentials, newClientKey } from '../support/smart-client.js';
import { useTestServer } from '../support/suite.js';
import { consentFor, type ConsentOptions } from './consents.js';
import { PSY } from './world.js';

/**
 * A Directorate of Health pulls data with SMART Backend Services. It sees exactly the patients with an
 * active Consent whose category is consent-purpose|doh-exchange, and the resources in their compartment
 * that name no other patient who did not consent, never PSY-labelled content; withdrawal (status inactive) closes the record at once. Its scopes bound the
 * types it reads, and read scopes never write. Search results, _include, _revinclude, _total and history
 * never reveal anyone else.
 */

const DOH_SCOPES = 'system/Patient.rs system/Observation.rs system/Condition.rs';
const SITE_EXT = 'https://hiwa.health/fhir/StructureDefinition/registration-site';

type Fhir = ReturnType<typeof fhirClient>;
type Entry = { resource: { resourceType: string; id: string }; search: { mode: string } };

const suite = useTestServer();
let migration: Fhir;
let doh: Fhir;
let grantedScope: string;
let partnerOrg: string;
let partnerSite: string;

interface Placed {
  id: string;
  observationId: string;
  conditionId: string;
  psyConditionId: string;
  psyObservationId: string;
  caseId: string;
}

/** The consent situations the rule must tell apart; only the first two open the patient to the Directorate. */
const consentSituations = {
  consented: { purpose: 'doh-exchange' },
  consentedAtPartner: { purpose: 'doh-exchange' },
  noConsent: undefined,
  sharingOnly: { purpose: 'sharing' },
  reportingOnly: { purpose: 'reporting' },
  proposed: { purpose: 'doh-exchange', status: 'proposed' },
  rejected: { purpose: 'doh-exchange', status: 'rejected' },
  withdrawn: { purpose: 'doh-exchange', status: 'inactive' },
  enteredInError: { purpose: 'doh-exchange', status: 'entered-in-error' },
  foreignCodeSystem: { purpose: 'doh-exchange', purposeSystem: 'http://example.org/consent-purpose' },
} satisfies Record<string, Omit<ConsentOptions, 'patientId'> | undefined>;
type Situation = keyof typeof consentSituations;
const situations = Object.keys(consentSituations) as Situation[];
const consentedSituations: Situation[] = ['consented', 'consentedAtPartner'];

const placed = {} as Record<Situation, Placed>;
/** A patient without consent, linked from their record to the consented patient (e.g. a possible duplicate). */
let linkedPatientId: string;
/** An Observation of the consented patient naming the unconsented one as performer: in both compartments, so hidden. */
let observationNamingOther: string;
/** An Observation of the unconsented patient whose focus is the consented one. */
let observationFocusingConsented: string;

async function created(resource: Record<string, unknown>): Promise<string> {
  const res = await migration('POST', resource.resourceType as string, resource);
  if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function newPatient(family: string, organization: string, site: string): Promise<string> {
  return created({
    resourceType: 'Patient',
    name: [{ family, given: ['Directorate'] }],
    managingOrganization: { reference: `Organization/${organization}` },
    extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${site}` } }],
  });
}

async function place(situation: Situation): Promise<Placed> {
  const atPartner = situation === 'consentedAtPartner';
  const org = atPartner ? partnerOrg : suite.server.organizationId;
  const site = atPartner ? partnerSite : suite.server.siteId;
  const id = await newPatient(`Doh-${situation}`, org, site);
  const consent = consentSituations[situation];
  if (consent) await created({ ...consentFor({ patientId: id, ...consent }) });
  const subject = { reference: `Patient/${id}` };
  return {
    id,
    observationId: await created({ resourceType: 'Observation', status: 'final', code: { text: 'wellbeing check' }, subject }),
    conditionId: await created({ resourceType: 'Condition', code: { text: 'insomnia' }, subject }),
    psyConditionId: await created({ resourceType: 'Condition', meta: { security: [PSY] }, code: { text: 'psychiatric diagnosis' }, subject }),
    psyObservationId: await created({
      resourceType: 'Observation',
      meta: { security: [PSY] },
      status: 'final',
      code: { text: 'counselling note' },
      subject,
    }),
    caseId: await created({ resourceType: 'EpisodeOfCare', status: 'active', patient: subject }),
  };
}

beforeAll(async () => {
  const server = suite.server;
  migration = fhirClient(server.fhirBase, { Authorization: `Bearer ${await server.dataMigrationToken()}` });
  partnerOrg = (await createOrganization(server.auth, { name: 'Partner CSO' })).id as string;
  partnerSite = (await createSite(server.auth, { name: 'Partner site', organization: partnerOrg })).id as string;
  for (const s of situations) placed[s] = await place(s);

  linkedPatientId = await created({
    resourceType: 'Patient',
    name: [{ family: 'Doh-linked', given: ['Directorate'] }],
    managingOrganization: { reference: `Organization/${server.organizationId}` },
    extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${server.siteId}` } }],
    link: [{ other: { reference: `Patient/${placed.consented.id}` }, type: 'seealso' }],
  });
  observationNamingOther = await created({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'group session attendance' },
    subject: { reference: `Patient/${placed.consented.id}` },
    performer: [{ reference: `Patient/${placed.noConsent.id}` }],
  });
  observationFocusingConsented = await created({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'caregiver strain' },
    subject: { reference: `Patient/${placed.noConsent.id}` },
    focus: [{ reference: `Patient/${placed.consented.id}` }],
  });

  // The Directorate's client: an Organization of type govt, registered with read-only scopes and a key made here.
  const directorate = await createOrganization(server.auth, { name: 'Directorate of Health (test)', type: 'govt' });
  const key = await newClientKey('RS384');
  await createSystemClient(server.auth, {
    clientId: 'doh-directorate-test',
    name: 'Directorate of Health (test)',
    jwks: { keys: [key.publicJwk] },
    scopes: DOH_SCOPES.split(' '),
    organization: directorate.id as string,
  });
  const discovery = await fetch(`${server.origin}/.well-known/smart-configuration`);
  const tokenEndpoint = ((await discovery.json()) as { token_endpoint: string }).token_endpoint;
  const token = await clientCredentials({ clientId: 'doh-directorate-test', key, tokenEndpoint, scope: DOH_SCOPES });
  if (token.status !== 200) throw new Error(`token refused: ${JSON.stringify(token.body)}`);
  grantedScope = token.body.scope as string;
  doh = fhirClient(server.fhirBase, { Authorization: `Bearer ${token.body.access_token as string}` });
}, 120_000);

const ids = (body: { entry?: Entry[] }, mode?: string): string[] =>
  (body.entry ?? []).filter((e) => !mode || e.search.mode === mode).map((e) => e.resource.id).sort();
const consentedPatients = (): string[] => consentedSituations.map((s) => placed[s].id).sort();
const hiddenPatients = (): string[] => [...situations.filter((s) => !consentedSituations.includes(s)).map((s) => placed[s].id), linkedPatientId];
const everyId = (body: unknown): string => JSON.stringify(body);

describe('the SMART Backend Services flow', () => {
  it('gives the Directorate a token with exactly its registered read scopes', () => {
    expect(grantedScope.split(' ').sort()).toEqual(DOH_SCOPES.split(' ').sort());
  });
});

describe('which patients the Directorate sees', () => {
  it('searching Patient finds exactly the patients with an active doh-exchange Consent, in any organisation', async () => {
    const res = await doh('GET', 'Patient?_count=1000&_total=accurate');
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(consentedPatients());
    expect(res.body.total).toBe(consentedPatients().length);
  });

  it.each(situations)('the patient whose consent situation is "%s": read answers as the rule says', async (situation) => {
    const p = placed[situation];
    const expected = consentedSituations.includes(situation) ? 200 : 404;
    expect((await doh('GET', `Patient/${p.id}`)).status).toBe(expected);
    expect((await doh('GET', `Patient/${p.id}/_history/1`)).status).toBe(expected);
    expect((await doh('GET', `Patient/${p.id}/_history`)).status).toBe(expected);
    expect((await doh('GET', `Observation/${p.observationId}`)).status).toBe(expected);
    expect((await doh('GET', `Condition/${p.conditionId}`)).status).toBe(expected);
  });

  it('a patient linked to a consented patient is not opened by the link', async () => {
    expect((await doh('GET', `Patient/${linkedPatientId}`)).status).toBe(404);
    const res = await doh('GET', `Patient?link=Patient/${placed.consented.id}`);
    expect(ids(res.body)).toEqual([]);
  });

  it('the resources in the consented patients\' compartments naming no one else, and no others, are found by search', async () => {
    const obs = await doh('GET', 'Observation?_count=1000&_total=accurate');
    const expected = consentedSituations.map((s) => placed[s].observationId).sort();
    expect(ids(obs.body)).toEqual(expected);
    expect(obs.body.total).toBe(expected.length);
    const conditions = await doh('GET', 'Condition?_count=1000');
    expect(ids(conditions.body)).toEqual(consentedSituations.map((s) => placed[s].conditionId).sort());
  });

  it('chained searches do not reach through to unconsented patients', async () => {
    const res = await doh('GET', 'Observation?subject:Patient.name=Doh-&_count=1000');
    expect(ids(res.body)).toEqual(consentedSituations.map((s) => placed[s].observationId).sort());
    const none = await doh('GET', 'Observation?subject:Patient.name=Doh-noConsent');
    expect(ids(none.body)).toEqual([]);
  });
});

describe('PSY-labelled content', () => {
  it('is never read, even in a consented patient\'s compartment', async () => {
    for (const s of consentedSituations) {
      expect((await doh('GET', `Condition/${placed[s].psyConditionId}`)).status).toBe(404);
      expect((await doh('GET', `Observation/${placed[s].psyObservationId}`)).status).toBe(404);
      expect((await doh('GET', `Condition/${placed[s].psyConditionId}/_history/1`)).status).toBe(404);
    }
  });

  it('is never found by search, _revinclude, counted by _total, or listed in history', async () => {
    const { id, conditionId, psyConditionId, psyObservationId } = placed.consented;
    const search = await doh('GET', `Condition?subject=Patient/${id}&_total=accurate`);
    expect(ids(search.body)).toEqual([conditionId]);
    expect(search.body.total).toBe(1);
    const labelled = await doh('GET', `Condition?_security=${PSY.system}|${PSY.code}&_total=accurate`);
    expect(ids(labelled.body)).toEqual([]);
    expect(labelled.body.total).toBe(0);
    const rev = await doh('GET', `Patient?_id=${id}&_revinclude=Condition:subject&_revinclude=Observation:subject`);
    expect(everyId(rev.body)).not.toContain(psyConditionId);
    expect(everyId(rev.body)).not.toContain(psyObservationId);
    for (const type of ['Condition', 'Observation']) {
      const history = await doh('GET', `${type}/_history?_count=1000`);
      expect(history.status).toBe(200);
      expect(everyId(history.body)).not.toContain(psyConditionId);
      expect(everyId(history.body)).not.toContain(psyObservationId);
    }
  });
});

describe('scopes', () => {
  it('a type outside the scopes is refused (403), by read and by search', async () => {
    const p = placed.consented;
    expect((await doh('GET', `EpisodeOfCare/${p.caseId}`)).status).toBe(403);
    expect((await doh('GET', 'EpisodeOfCare')).status).toBe(403);
    expect((await doh('GET', 'Consent')).status).toBe(403);
    expect((await doh('GET', 'EpisodeOfCare/_history')).status).toBe(403);
  });

  it('types outside the scopes are not reached through _include, _revinclude or system history', async () => {
    const p = placed.consented;
    const rev = await doh('GET', `Patient?_id=${p.id}&_revinclude=EpisodeOfCare:patient&_revinclude=Consent:patient`);
    expect(rev.status === 200 || rev.status === 403).toBe(true);
    expect(everyId(rev.body)).not.toContain(p.caseId);
    expect(everyId(rev.body)).not.toContain('"Consent"');
    const history = await doh('GET', '_history?_count=1000');
    expect(history.status).toBe(200);
    const types = new Set((history.body.entry ?? []).map((e: { resource?: { resourceType: string } }) => e.resource?.resourceType));
    for (const t of types) expect(['Patient', 'Observation', 'Condition', undefined]).toContain(t);
  });

  it('read-only scopes write nothing: create, update, delete and a transaction are refused (403)', async () => {
    const p = placed.consented;
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'from the Directorate' }, subject: { reference: `Patient/${p.id}` } };
    expect((await doh('POST', 'Observation', observation)).status).toBe(403);
    const patient = (await doh('GET', `Patient/${p.id}`)).body;
    expect((await doh('PUT', `Patient/${p.id}`, { ...patient, gender: 'other' })).status).toBe(403);
    expect((await doh('DELETE', `Observation/${p.observationId}`)).status).toBe(403);
    const tx = await doh('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: observation, request: { method: 'POST', url: 'Observation' } }],
    });
    expect(tx.status).toBe(403);
    expect((await doh('POST', `Patient/${p.id}/$grant-access`, { resourceType: 'Parameters' })).status).toBe(403);
    // nothing was written
    const after = await migration('GET', `Observation?subject=Patient/${p.id}&code:text=from the Directorate&_total=accurate`);
    expect(after.body.total).toBe(0);
    expect((await migration('GET', `Patient/${p.id}`)).body.gender).toBeUndefined();
    expect((await migration('GET', `Observation/${p.observationId}`)).status).toBe(200);
  });
});

describe('_include, _revinclude and _total never reveal unconsented patients', () => {
  it('_include of Observation targets brings in only consented patients', async () => {
    for (const include of ['Observation:subject', 'Observation:performer', 'Observation:*', 'Observation:focus']) {
      const res = await doh('GET', `Observation?_count=1000&_include=${include}`);
      expect(res.status).toBe(200);
      const included = ids(res.body, 'include');
      for (const hidden of hiddenPatients()) expect(included, include).not.toContain(hidden);
    }
    // an Observation naming an unconsented patient as performer is not the Directorate's, nor what it points at
    const performer = await doh('GET', `Observation?_id=${observationNamingOther}&_include=Observation:performer`);
    expect(ids(performer.body, 'match')).toEqual([]);
    expect(ids(performer.body, 'include')).toEqual([]);
    expect((await doh('GET', `Observation/${observationNamingOther}`)).status).toBe(404);
  });

  it('_include:iterate does not walk from a consented patient to a linked one', async () => {
    const res = await doh('GET', `Observation?_id=${placed.consented.observationId}&_include=Observation:subject&_include:iterate=Patient:link`);
    expect(ids(res.body, 'include')).toEqual([placed.consented.id]);
  });

  it('_revinclude brings in only what is in a consented compartment', async () => {
    const all = [...consentedPatients(), ...hiddenPatients()].join(',');
    const res = await doh('GET', `Patient?_id=${all}&_revinclude=Observation:focus&_revinclude=Observation:subject&_revinclude=Patient:link`);
    expect(ids(res.body, 'match')).toEqual(consentedPatients());
    const included = ids(res.body, 'include');
    expect(included).not.toContain(observationFocusingConsented);
    expect(included).not.toContain(linkedPatientId);
    for (const s of situations.filter((x) => !consentedSituations.includes(x))) {
      expect(included).not.toContain(placed[s].observationId);
    }
  });

  it('_total and _summary=count count only consented patients and their records', async () => {
    const all = [...consentedPatients(), ...hiddenPatients()].join(',');
    const byId = await doh('GET', `Patient?_id=${all}&_total=accurate&_count=1`);
    expect(byId.body.total).toBe(consentedPatients().length);
    expect((await doh('GET', 'Patient?name=Doh-&_summary=count')).body.total).toBe(consentedPatients().length);
    const hiddenObservations = situations.filter((s) => !consentedSituations.includes(s)).map((s) => placed[s].observationId);
    expect((await doh('GET', `Observation?_id=${hiddenObservations.join(',')}&_summary=count`)).body.total).toBe(0);
    expect((await doh('GET', `Observation?subject=Patient/${placed.noConsent.id}&_summary=count`)).body.total).toBe(0);
  });

  it('history of all patients lists only consented ones', async () => {
    const res = await doh('GET', 'Patient/_history?_count=1000');
    expect(res.status).toBe(200);
    const seen = [...new Set((res.body.entry ?? []).map((e: { resource?: { id: string } }) => e.resource?.id))].filter(Boolean).sort();
    expect(seen).toEqual(consentedPatients());
  });
});

describe('when consent changes', () => {
  let patientId: string;
  let consentId: string;
  let observationId: string;

  beforeAll(async () => {
    patientId = await newPatient('Doh-changing', suite.server.organizationId, suite.server.siteId);
    observationId = await created({ resourceType: 'Observation', status: 'final', code: { text: 'wellbeing check' }, subject: { reference: `Patient/${patientId}` } });
    consentId = await created({ ...consentFor({ patientId, purpose: 'doh-exchange' }) });
  });

  const consentWith = (status: 'active' | 'inactive', patient = patientId) => ({
    ...consentFor({ patientId: patient, purpose: 'doh-exchange', status }),
    id: consentId,
  });

  it('an active consent opens the patient and their compartment', async () => {
    expect((await doh('GET', `Patient/${patientId}`)).status).toBe(200);
    expect(ids((await doh('GET', `Observation?subject=Patient/${patientId}`)).body)).toEqual([observationId]);
  });

  it('withdrawal (status inactive) hides the patient and their compartment at once', async () => {
    expect((await migration('PUT', `Consent/${consentId}`, consentWith('inactive'))).status).toBe(200);
    expect((await doh('GET', `Patient/${patientId}`)).status).toBe(404);
    expect((await doh('GET', `Observation/${observationId}`)).status).toBe(404);
    const search = await doh('GET', `Observation?subject=Patient/${patientId}&_total=accurate`);
    expect(ids(search.body)).toEqual([]);
    expect(search.body.total).toBe(0);
    expect(ids((await doh('GET', 'Patient?_count=1000')).body)).not.toContain(patientId);
  });

  it('consent given again opens the patient again', async () => {
    expect((await migration('PUT', `Consent/${consentId}`, consentWith('active'))).status).toBe(200);
    expect((await doh('GET', `Patient/${patientId}`)).status).toBe(200);
  });

  it('a consent corrected to name another patient no longer opens the first', async () => {
    const other = await newPatient('Doh-corrected', suite.server.organizationId, suite.server.siteId);
    expect((await migration('PUT', `Consent/${consentId}`, consentWith('active', other))).status).toBe(200);
    expect((await doh('GET', `Patient/${other}`)).status).toBe(200);
    expect((await doh('GET', `Patient/${patientId}`)).status).toBe(404);
    expect((await doh('GET', `Observation/${observationId}`)).status).toBe(404);
    // back to the first patient for the next case
    expect((await migration('PUT', `Consent/${consentId}`, consentWith('active'))).status).toBe(200);
    expect((await doh('GET', `Patient/${other}`)).status).toBe(404);
    expect((await doh('GET', `Patient/${patientId}`)).status).toBe(200);
  });

  it('a deleted consent opens nothing', async () => {
    expect((await migration('DELETE', `Consent/${consentId}`)).status).toBe(200);
    expect((await doh('GET', `Patient/${patientId}`)).status).toBe(404);
    expect((await doh('GET', `Observation?subject=Patient/${patientId}&_summary=count`)).body.total).toBe(0);
  });
});
