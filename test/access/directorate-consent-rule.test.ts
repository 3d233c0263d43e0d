import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { kickOff, runExport } from '../bulk/bulk-client.js';
import { fhirClient } from '../support/server.js';
import { clientCredentials, newClientKey } from '../support/smart-client.js';
import { useTestServer } from '../support/suite.js';
import { consentFor, type ConsentOptions } from './consents.js';

/**
 * A Directorate of Health reads a patient's records only while a Consent allows the exchange, by the rule
 * of every consent gate: active, of the doh-exchange purpose, a permit (not a refusal), and within its
 * period at the time of the request; a consent that ends stops the exchange when it ends, without any
 * write. A resource naming several patients (a Group, an Observation with a patient as performer) is the
 * Directorate's only when every one of them consented. Searches, $everything and bulk exports follow it.
 */

const DAY = 24 * 60 * 60 * 1000;
/** How far the server's clock runs ahead of real time: moved by the tests to let a consent start. */
let offset = 0;
const suite = useTestServer({
  clock: () => new Date(Date.now() + offset),
  // tokens outlive the day the clock moves forward
  env: { ACCESS_TOKEN_TTL_SECONDS: String(7 * DAY / 1000), SYSTEM_TOKEN_TTL_SECONDS: String(7 * DAY / 1000) },
});
const SITE_EXT = 'https://hiwa.health/fhir/StructureDefinition/registration-site';

type Fhir = ReturnType<typeof fhirClient>;
let migration: Fhir;
let doh: Fhir;
let dohToken: string;

const day = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

/** Each patient's consent situation; only `consented` allows the exchange today. */
const situations = {
  consented: { purpose: 'doh-exchange' },
  refused: { purpose: 'doh-exchange', provisionType: 'deny' },
  endedYesterday: { purpose: 'doh-exchange', from: day(-30), until: day(-1) },
  startsTomorrow: { purpose: 'doh-exchange', from: day(1) },
  withdrawn: { purpose: 'doh-exchange', status: 'inactive' },
  none: undefined,
} satisfies Record<string, Omit<ConsentOptions, 'patientId'> | undefined>;
type Situation = keyof typeof situations;

const patients = {} as Record<Situation, { id: string; observationId: string }>;
let secondConsented: string;
/** Groups: one of two consented patients, one of a consented and an unconsented patient. */
let consentedGroup: string;
let mixedGroup: string;
/** An Observation of the consented patient whose performer is the unconsented one. */
let observationOfBoth: string;

async function created(resource: Record<string, unknown>): Promise<string> {
  const res = await migration('POST', resource.resourceType as string, resource);
  if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function newPatient(family: string, consent: Omit<ConsentOptions, 'patientId'> | undefined): Promise<string> {
  const id = await created({
    resourceType: 'Patient',
    name: [{ family, given: ['Directorate'] }],
    managingOrganization: { reference: `Organization/${suite.server.organizationId}` },
    extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${suite.server.siteId}` } }],
  });
  if (consent) await created({ ...consentFor({ patientId: id, ...consent }) });
  return id;
}

const observation = (patientId: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'wellbeing check' },
  subject: { reference: `Patient/${patientId}` },
  ...extra,
});
const group = (...members: string[]) => ({
  resourceType: 'Group',
  type: 'person',
  actual: true,
  member: members.map((id) => ({ entity: { reference: `Patient/${id}` } })),
});

beforeAll(async () => {
  const server = suite.server;
  migration = fhirClient(server.fhirBase, { Authorization: `Bearer ${await server.dataMigrationToken()}` });
  for (const [situation, consent] of Object.entries(situations) as [Situation, Omit<ConsentOptions, 'patientId'> | undefined][]) {
    const id = await newPatient(`Rule-${situation}`, consent);
    patients[situation] = { id, observationId: await created(observation(id)) };
  }
  secondConsented = await newPatient('Rule-second', situations.consented);
  consentedGroup = await created(group(patients.consented.id, secondConsented));
  mixedGroup = await created(group(patients.consented.id, patients.none.id));
  observationOfBoth = await created(observation(patients.consented.id, { performer: [{ reference: `Patient/${patients.none.id}` }] }));

  const directorate = (await createOrganization(server.auth, { name: 'Directorate of Health (consent rule)', type: 'govt' })).id as string;
  const key = await newClientKey('ES384');
  await createSystemClient(server.auth, { clientId: 'doh-consent-rule', name: 'DoH', jwks: { keys: [key.publicJwk] }, scopes: ['system/*.read'], organization: directorate });
  const token = await clientCredentials({ clientId: 'doh-consent-rule', key, tokenEndpoint: `${server.origin}/oauth2/token`, scope: 'system/*.read' });
  if (token.status !== 200) throw new Error(`token refused: ${JSON.stringify(token.body)}`);
  dohToken = token.body.access_token as string;
  doh = fhirClient(server.fhirBase, { Authorization: `Bearer ${dohToken}` });
}, 120_000);

const ids = (body: { entry?: { resource: { id: string } }[] }): string[] => (body.entry ?? []).map((e) => e.resource.id).sort();
const visible = async (path: string): Promise<boolean> => (await doh('GET', path)).status === 200;

describe('which consent opens a patient to the Directorate', () => {
  it.each([
    ['consented', true],
    ['refused', false],
    ['endedYesterday', false],
    ['startsTomorrow', false],
    ['withdrawn', false],
    ['none', false],
  ] as [Situation, boolean][])('a patient whose consent is "%s": visible %s, with their Observation', async (situation, expected) => {
    expect(await visible(`Patient/${patients[situation].id}`)).toBe(expected);
    expect(await visible(`Observation/${patients[situation].observationId}`)).toBe(expected);
  });

  it('a search finds only the patients whose consent holds today', async () => {
    const res = await doh('GET', 'Patient?name=Rule-&_count=100&_total=accurate');
    expect(ids(res.body)).toEqual([patients.consented.id, secondConsented].sort());
    expect(res.body.total).toBe(2);
  });
});

describe('a resource naming several patients', () => {
  it('a Group is visible when every member consented, not when one of them did not', async () => {
    expect(await visible(`Group/${consentedGroup}`)).toBe(true);
    expect(await visible(`Group/${mixedGroup}`)).toBe(false);
    expect(ids((await doh('GET', 'Group?_count=100')).body)).toEqual([consentedGroup]);
  });

  it('an Observation naming an unconsented patient as performer is not visible, nor in $everything', async () => {
    expect(await visible(`Observation/${observationOfBoth}`)).toBe(false);
    const everything = await doh('GET', `Patient/${patients.consented.id}/$everything`);
    expect(everything.status).toBe(200);
    const found = ids(everything.body);
    expect(found).toContain(patients.consented.observationId);
    expect(found).not.toContain(observationOfBoth);
    expect(found).not.toContain(mixedGroup);
  });
});

describe('bulk export', () => {
  it('a system-level export holds only the patients whose consent holds, and no resource naming anyone else', async () => {
    const { resources } = await runExport(suite.server.fhirBase, dohToken, '$export?_type=Patient,Observation,Group');
    const exported = (type: string) => (resources.get(type) ?? []).map((r) => r.id as string).sort();
    expect(exported('Patient')).toEqual([patients.consented.id, secondConsented].sort());
    expect(exported('Observation')).toContain(patients.consented.observationId);
    for (const s of ['refused', 'endedYesterday', 'startsTomorrow', 'withdrawn', 'none'] as Situation[]) {
      expect(exported('Patient')).not.toContain(patients[s].id);
      expect(exported('Observation')).not.toContain(patients[s].observationId);
    }
    expect(exported('Observation')).not.toContain(observationOfBoth);
    expect(exported('Group')).toEqual([consentedGroup]);
  });

  it('a Group-level export: refused (404) for a group with an unconsented member, as for a read of it; whole for a consented group', async () => {
    expect((await kickOff(suite.server.fhirBase, dohToken, `Group/${mixedGroup}/$export`)).status).toBe(404);
    const { resources } = await runExport(suite.server.fhirBase, dohToken, `Group/${consentedGroup}/$export?_type=Patient`);
    expect((resources.get('Patient') ?? []).map((r) => r.id as string).sort()).toEqual([patients.consented.id, secondConsented].sort());
  });
});

describe('as time passes', () => {
  it('a consent that starts tomorrow opens the patient once it has started, with no write', async () => {
    expect(await visible(`Patient/${patients.startsTomorrow.id}`)).toBe(false);
    offset = 2 * DAY;
    try {
      expect(await visible(`Patient/${patients.startsTomorrow.id}`)).toBe(true);
      expect(await visible(`Observation/${patients.startsTomorrow.observationId}`)).toBe(true);
      expect(await visible(`Patient/${patients.endedYesterday.id}`)).toBe(false);
    } finally {
      offset = 0;
    }
  });

  it('a consent that ends closes the patient when it ends, with no write', async () => {
    const id = await newPatient('Rule-ending', { purpose: 'doh-exchange', from: day(-30), until: day(1) });
    expect(await visible(`Patient/${id}`)).toBe(true);
    offset = 2 * DAY;
    try {
      expect(await visible(`Patient/${id}`)).toBe(false);
    } finally {
      offset = 0;
    }
  });
});
