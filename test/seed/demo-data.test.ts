import fs from 'node:fs';
import path from 'node:path';
import type { Bundle, CarePlan, Condition, Consent, Encounter, EpisodeOfCare, Flag, Group, Observation, Organization, Patient, Resource, Task } from '@medplum/fhirtypes';
import { importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, DEMO_PARTNER } from '../../seed/demo-accounts.js';
import { seedDemoData } from '../../seed/demo-data.js';
import { loadDemoContext } from '../../seed/demo-data/context.js';
import { demoPlan } from '../../seed/demo-data/plan.js';
import { countServices } from '../../server/clinical/service-counts.js';
import { SERVICE_TYPE_SYSTEM as SERVICE_TYPE } from '../../server/clinical/service-encounter.js';
import { createLogger } from '../../server/logger.js';
import { findAccountByUsername } from '../../server/store/accounts.js';
import { Repository } from '../../server/store/repository.js';
import { fhirClient, startTestServer, type TestServer } from '../support/server.js';
import { clientCredentials, type ClientKey } from '../support/smart-client.js';

/**
 * Demo mode seeds clinical data as main.ts does, after the demo logins. Each demo role then sees a
 * working programme: the caseworker her caseload, the psychiatrist the diagnosis and the referral inbox,
 * the supervisor the urgent risk Tasks, the Directorate only consented patients, the partner only its own.
 */

type Fhir = ReturnType<typeof fhirClient>;

const DEMO_TAG = '_tag=http://terminology.hl7.org/CodeSystem/v3-ActReason|HTEST';
const HIWA_EXT = 'https://hiwa.health/fhir/StructureDefinition';
const SITE_EXT = `${HIWA_EXT}/registration-site`;
const PHQ9_TOTAL = 'http://loinc.org|44261-6';
const F32_1 = 'http://hl7.org/fhir/sid/icd-10|F32.1';
const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';

let server: TestServer;
let all: Fhir;
const as: Record<string, Fhir> = {};
const practitionerOf: Record<string, string> = {};
const sitesOf: Record<string, string[]> = {};

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  all = fhirClient(server.fhirBase, { Authorization: `Bearer ${await server.dataMigrationToken()}` });
  for (const username of ['caseworker', 'psychologist', 'psychiatrist', 'supervisor', 'reporter', 'partner.caseworker']) {
    const { access_token } = await server.login(username, 'demo');
    as[username] = fhirClient(server.fhirBase, { Authorization: `Bearer ${access_token}` });
    const account = await findAccountByUsername(server.store.pool, username);
    practitionerOf[username] = account?.practitionerId ?? '';
    sitesOf[username] = (account?.siteIds ?? []).map((id) => `Location/${id}`);
  }
}, 600_000); // seeding the demo through the write rules takes minutes on a busy machine
afterAll(() => server?.close());

/** Every match of a search (one page is enough: the demo is small), failing on anything but 200. */
async function search<T extends Resource>(fhir: Fhir, query: string): Promise<T[]> {
  const res = await fhir<Bundle<T>>('GET', `${query}${query.includes('?') ? '&' : '?'}_count=1000`);
  expect(res.status, query).toBe(200);
  return (res.body.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource as T);
}

const siteOf = (p: Patient): string | undefined => p.extension?.find((e) => e.url === SITE_EXT)?.valueReference?.reference;
const ids = (resources: Resource[]): string[] => resources.map((r) => r.id as string).sort();
const patientIdOf = (reference: string | undefined): string => (reference ?? '').replace(/^Patient\//, '');

/** The care managers of each patient's open cases, as the whole record says. */
async function openCaseManagers(): Promise<Map<string, string[]>> {
  const cases = await search<EpisodeOfCare>(all, 'EpisodeOfCare?status=planned,waitlist,active,onhold');
  const byPatient = new Map<string, string[]>();
  for (const c of cases) {
    const managers = byPatient.get(patientIdOf(c.patient.reference)) ?? [];
    if (c.careManager?.reference) managers.push(c.careManager.reference);
    byPatient.set(patientIdOf(c.patient.reference), managers);
  }
  return byPatient;
}

describe('demo clinical data', () => {
  it('registers some forty beneficiaries with names in Latin and Arabic script, sites, groups and languages', async () => {
    const patients = await search<Patient>(all, `Patient?${DEMO_TAG}`);
    expect(patients.length).toBe(server.demoData?.patients);
    expect(patients.length).toBeGreaterThanOrEqual(35);
    for (const p of patients) {
      expect(p.name?.[0]?.text).toMatch(/^[A-Za-z' -]+$/);
      expect(p.name?.[1]?.text).toMatch(/^[\u0600-\u06FF ]+$/);
      expect(p.address?.[0]).toMatchObject({ state: expect.any(String), district: expect.any(String), country: 'IQ' });
      expect(siteOf(p)).toMatch(/^Location\//);
      expect(p.managingOrganization?.reference).toMatch(/^Organization\//);
      expect(p.communication?.[0]?.language.coding?.[0]?.code).toMatch(/^(ar|kmr|ckb)$/);
      expect(p.extension?.map((e) => e.url)).toEqual(expect.arrayContaining([`${HIWA_EXT}/population-group`, `${HIWA_EXT}/disability`]));
    }
    const caregivers = await search(all, 'RelatedPerson');
    expect(caregivers.length).toBeGreaterThanOrEqual(3);
  });

  it('shows the caseworker her caseload at her site and the unassigned there, and nobody else', async () => {
    const me = `Practitioner/${practitionerOf.caseworker}`;
    const managers = await openCaseManagers();
    const visible = await search<Patient>(as.caseworker, 'Patient');
    const mine = await search<EpisodeOfCare>(as.caseworker, `EpisodeOfCare?care-manager=${me}&status=active`);
    expect(mine.length).toBeGreaterThanOrEqual(10);
    const everyone = await search<Patient>(all, `Patient?${DEMO_TAG}`);
    const atHerSite = (p: Patient): boolean => sitesOf.caseworker.includes(siteOf(p) ?? '');
    const hers = everyone.filter((p) => {
      const held = managers.get(p.id as string) ?? [];
      return held.includes(me) || (held.length === 0 && atHerSite(p));
    });
    expect(ids(visible)).toEqual(ids(hers));
    // Cases at her site that the supervisor gave to the psychologist are not hers to see.
    const heldByOthers = everyone.filter((p) => atHerSite(p) && (managers.get(p.id as string) ?? []).some((m) => m !== me));
    expect(heldByOthers.length).toBeGreaterThan(0);
    for (const p of heldByOthers) expect((await as.caseworker('GET', `Patient/${p.id}`)).status).toBe(404);
  });

  it('keeps the psychiatric diagnosis from the caseworker and shows it to the psychiatrist', async () => {
    expect(await search(as.caseworker, 'Condition')).toEqual([]);
    const seen = await search<Condition>(as.psychiatrist, `Condition?code=${F32_1}`);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      meta: { security: [expect.objectContaining({ code: 'PSY' })] },
      recorder: { reference: `Practitioner/${practitionerOf.psychiatrist}` },
    });
    const patient = patientIdOf(seen[0].subject?.reference);
    expect((await as.caseworker('GET', `Patient/${patient}`)).status).toBe(200);
  });

  it('records the caseworker’s group discussion as its attendance: one meeting of the Group, a service per attendee', async () => {
    const groups = await search<Group>(as.caseworker, 'Group');
    expect(groups).toHaveLength(1);
    const meetings = await search<Encounter>(as.caseworker, `Encounter?subject=Group/${groups[0].id}`);
    expect(meetings).toHaveLength(1);
    const attended = await search<Encounter>(as.caseworker, `Encounter?part-of=Encounter/${meetings[0].id}`);
    expect(groups[0].member?.map((m) => m.entity.reference).sort()).toEqual(attended.map((e) => e.subject?.reference).sort());
    expect(countServices([...meetings, ...attended])).toEqual({ services: attended.length, activities: 1, beneficiaries: attended.length });
    expect(attended.length).toBeGreaterThanOrEqual(3);
  });

  it('labels the psychologist’s counselling sessions PSY and keeps the caseworker’s PM+ sessions, numbered, in her view', async () => {
    const counselling = await search<Encounter>(as.psychologist, `Encounter?service-type=${SERVICE_TYPE}|individual-counselling`);
    expect(counselling.length).toBeGreaterThan(0);
    for (const e of counselling) expect(e.meta?.security?.map((c) => c.code)).toContain('PSY');
    expect(await search(as.caseworker, `Encounter?service-type=${SERVICE_TYPE}|individual-counselling`)).toEqual([]);
    const pmPlus = await search<Encounter>(all, `Encounter?service-type=${SERVICE_TYPE}|pm-plus`);
    expect(pmPlus.length).toBeGreaterThan(0);
    for (const e of pmPlus) expect(e.extension?.find((x) => x.url === `${HIWA_EXT}/pm-plus-session`)?.valueInteger).toBeGreaterThanOrEqual(1);
  });

  it('puts referrals in the psychiatrist’s inbox (one overdue, one from the partner CSO), a rejected one with its reason and a completed one in the record', async () => {
    const me = `Practitioner/${practitionerOf.psychiatrist}`;
    const tasks = await search<Task>(as.psychiatrist, `Task?owner=${me}&_sort=-priority,authored-on`);
    expect(tasks.map((t) => t.status).sort()).toEqual(['completed', 'rejected', 'requested', 'requested']);
    expect(tasks.find((t) => t.status === 'rejected')?.statusReason?.text).toBeTruthy();
    const overdue = await search<Task>(as.psychiatrist, `Task?owner=${me}&status=requested&answer-due=lt${new Date().toISOString()}`);
    expect(overdue).toHaveLength(1);
    // the partner's beneficiary: the psychiatrist reads the referral and the person, not the partner's other records
    const fromPartner = tasks.find((t) => t.status === 'requested' && t.id !== overdue[0].id) as Task;
    const patient = fromPartner.for?.reference as string;
    expect((await as.psychiatrist('GET', patient)).status).toBe(200);
    expect(await search(as.psychiatrist, `Encounter?subject=${patient}`)).toEqual([]);
    expect((await as['partner.caseworker']('GET', patient)).status).toBe(200);
  });

  it('transfers a case from the caseworker to the psychologist through a transfer Task the psychologist accepted', async () => {
    const [transfer] = await search<Task>(all, 'Task?code=https://hiwa.health/fhir/CodeSystem/task-type|transfer');
    expect(transfer.status).toBe('accepted');
    const episode = (await all('GET', transfer.focus?.reference as string)).body as EpisodeOfCare;
    expect(episode.careManager?.reference).toBe(`Practitioner/${practitionerOf.psychologist}`);
  });

  it('walks the referral and the closure through the server\'s workflow: an outcome on the completed referral, a case closed on the supervisor\'s approval', async () => {
    const me = `Practitioner/${practitionerOf.psychiatrist}`;
    const [done] = (await search<Task>(as.psychiatrist, `Task?owner=${me}`)).filter((t) => t.status === 'completed');
    expect(done.output?.[0]?.valueString).toBeTruthy();
    const closed = await search<EpisodeOfCare>(all, 'EpisodeOfCare?status=finished');
    expect(closed.length).toBeGreaterThanOrEqual(1);
    for (const episode of closed) {
      const approval = episode.extension?.find((e) => e.url === `${HIWA_EXT}/case-closure`)?.valueReference?.reference ?? '';
      const task = (await all('GET', approval)).body as Task;
      expect(task).toMatchObject({ status: 'completed', focus: { reference: `EpisodeOfCare/${episode.id}` } });
      expect(task.reasonCode?.coding?.[0]?.code).toBe('goals-met');
    }
  });

  it('gives the supervisor the urgent suicide-risk Tasks, from Flags the rules raised', async () => {
    // Each active Flag has its review (focus the Flag) and, without a safety plan, a "safety plan needed" Task (reason the Flag).
    const requested = await search<Task>(as.supervisor, 'Task?priority=urgent&status=requested');
    for (const task of requested) expect(task.focus?.reference ?? task.reasonReference?.reference).toMatch(/^Flag\//);
    const urgent = requested.filter((t) => t.focus !== undefined);
    expect(urgent.length).toBeGreaterThanOrEqual(2);
    const flags = await search<Flag>(as.supervisor, 'Flag');
    expect(flags.filter((f) => f.status === 'active').length).toBe(urgent.length);
    expect(flags.some((f) => f.status === 'inactive' && f.period?.end !== undefined)).toBe(true);
  });

  it('shows a superseded safety plan, a closure waiting for approval, follow-ups due and overdue, and a possible duplicate pair', async () => {
    const plans = await search<CarePlan>(all, 'CarePlan?category=https://hiwa.health/fhir/CodeSystem/care-plan-category|safety-plan');
    const revoked = plans.find((p) => p.status === 'revoked');
    const inForce = plans.find((p) => p.status === 'active');
    expect(inForce?.replaces?.[0]?.reference).toBe(`CarePlan/${revoked?.id}`);
    expect(await search<Task>(all, `Task?code=${TASK_TYPE}|case-closure&status=requested`)).toHaveLength(1);
    const now = new Date().toISOString();
    const followUps = `code=${TASK_TYPE}|next-session,${TASK_TYPE}|reassessment,${TASK_TYPE}|referral-follow-up&status=requested`;
    expect((await search<Task>(all, `Task?${followUps}&due=lt${now}`)).length).toBeGreaterThan(0);
    expect((await search<Task>(all, `Task?${followUps}&due=ge${now}`)).length).toBeGreaterThan(0);
    const [review] = await search<Task>(all, `Task?code=${TASK_TYPE}|duplicate-review`);
    const original = (await all('GET', review.for?.reference ?? '')).body as Patient;
    const match = await as.supervisor('POST', 'Patient/$match', { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: original }] });
    expect(match.body.entry.filter((e: { resource: Patient }) => e.resource.id !== original.id).length).toBeGreaterThan(0);
  });

  it('every Task of the demo, made through the same rules, says what it asks with a code of task-type', async () => {
    const tasks = await search<Task>(all, 'Task');
    const codes = tasks.map((t) => t.code?.coding?.find((c) => c.system === TASK_TYPE)?.code);
    expect(codes.filter((code) => code === undefined)).toEqual([]);
    expect(new Set(codes)).toContain('risk-review');
  });

  it('shows change over time: repeated PHQ-9 totals, one person much better after a severe start', async () => {
    const totals = await search<Observation>(as.supervisor, `Observation?code=${PHQ9_TOTAL}&status=final&_sort=date`);
    const byPatient = new Map<string, number[]>();
    for (const o of totals) {
      const series = byPatient.get(o.subject?.reference ?? '') ?? [];
      series.push(o.valueInteger as number);
      byPatient.set(o.subject?.reference ?? '', series);
    }
    const repeated = [...byPatient.values()].filter((s) => s.length >= 2);
    expect(repeated.length).toBeGreaterThanOrEqual(10);
    expect(repeated.some((s) => s[0] >= 15 && (s.at(-1) as number) <= s[0] - 5)).toBe(true);
  });

  it('refuses the reporter any patient record', async () => {
    expect((await as.reporter('GET', 'Patient')).status).toBe(403);
  });

  it('lets the Directorate of Health see exactly the patients with an active exchange Consent', async () => {
    const consents = await search<Consent>(all, 'Consent?category=https://hiwa.health/fhir/CodeSystem/consent-purpose|doh-exchange');
    const active = consents.filter((c) => c.status === 'active').map((c) => patientIdOf(c.patient?.reference));
    expect(active.length).toBeGreaterThanOrEqual(3);
    expect(consents.some((c) => c.status === 'inactive')).toBe(true);
    const doh = fhirClient(server.fhirBase, { Authorization: `Bearer ${await dohToken()}` });
    expect(ids(await search(doh, 'Patient'))).toEqual([...active].sort());
  });

  it('shows the partner caseworker the partner’s beneficiaries only, and hides them from the programme', async () => {
    const partnerPatients = await search<Patient>(as['partner.caseworker'], 'Patient');
    expect(partnerPatients.length).toBeGreaterThanOrEqual(3);
    const partnerOrg = (await search<Organization>(all, `Organization?name:exact=${DEMO_PARTNER}`))[0];
    for (const p of partnerPatients) expect(p.managingOrganization?.reference).toBe(`Organization/${partnerOrg?.id}`);
    const programmeView = ids(await search(as.psychologist, 'Patient'));
    expect(ids(partnerPatients).filter((id) => programmeView.includes(id))).toEqual([]);
  });

  it('plans the same data from the same accounts and clock', async () => {
    const context = await loadDemoContext(new Repository(server.store.pool), server.store.pool, new Date('2026-03-01T12:00:00Z'));
    expect(context).toBeDefined();
    if (context === undefined) return;
    expect(JSON.stringify(demoPlan(context))).toBe(JSON.stringify(demoPlan(context)));
  });

  it('creates nothing when seeded again', async () => {
    const count = async () => Number((await server.store.pool.query<{ n: string }>('SELECT count(*) AS n FROM resource')).rows[0]?.n);
    const before = await count();
    const again = await seedDemoData({ pool: server.store.pool, config: { srq20Cutoff: 8, caseReopenDays: 90, reassessmentIntervalDays: 28, reassessmentInstruments: ['PHQ9', 'SRQ20'], referralFollowUpDays: 14 }, logger: createLogger('silent') });
    expect(again).toBeUndefined();
    expect(await count()).toBe(before);
  });
});

/** A token for the doh-demo client, signed with the private key demo mode wrote to DATA_DIR. */
async function dohToken(): Promise<string> {
  const jwk = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'demo-keys', `${DEMO_CLIENT_ID}.private.jwk`), 'utf8')) as JWK;
  const key: ClientKey = {
    alg: 'ES384',
    kid: jwk.kid as string,
    privateKey: (await importJWK(jwk, 'ES384')) as ClientKey['privateKey'],
    publicJwk: { ...jwk, kty: 'EC', alg: 'ES384' },
  };
  const res = await clientCredentials({ clientId: DEMO_CLIENT_ID, key, tokenEndpoint: `${server.origin}/oauth2/token`, scope: 'system/*.rs' });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}
