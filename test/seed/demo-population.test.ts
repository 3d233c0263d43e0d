import type { Bundle, EpisodeOfCare, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoContext, type DemoContext } from '../../seed/demo-data/context.js';
import { personCourse, type Course } from '../../seed/demo-data/course.js';
import { demoPeople, DISABILITY_URL, POPULATION_GROUP_URL, type DemoPerson } from '../../seed/demo-data/people.js';
import { demoPlan } from '../../seed/demo-data/plan.js';
import { roster } from '../../seed/demo-data/roster.js';
import { populationRoster } from '../../seed/demo-population/population.js';
import { Repository } from '../../server/store/repository.js';
import { fhirClient, startTestServer, type TestServer } from '../support/server.js';

/**
 * The full demo (`npm run seed -- --profile demo`, demo mode's default): the hand-written stories and a
 * generated caseload around them. The plan of the default five hundred is checked as data (it is a pure
 * function of the accounts, the seed and the clock); a smaller population is written through the
 * repository and its rules, as demo mode writes it, to show that the rules accept every state it plans.
 */

const NOW = new Date('2026-03-02T12:00:00Z');
const WRITTEN = 70;
const FULL = 460;
const PHQ9_TOTAL = 'http://loinc.org|44261-6';

let server: TestServer;
let context: DemoContext;
let people: DemoPerson[];
let courses: Course[];

beforeAll(async () => {
  server = await startTestServer({ demo: { population: WRITTEN } });
  const loaded = await loadDemoContext(new Repository(server.store.pool), server.store.pool, NOW);
  if (loaded === undefined) throw new Error('the demo accounts are missing');
  context = loaded;
  people = demoPeople(context, populationRoster(context, FULL)).slice(roster.length);
  courses = people.map((p) => personCourse(p, context, p.entry.sessions === undefined ? {} : { closeAfterSessions: p.entry.sessions }));
}, 900_000);
afterAll(() => server?.close());

const share = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length / items.length;
const ageOf = (p: Patient): number => NOW.getUTCFullYear() - Number((p.birthDate ?? '').slice(0, 4));
const codeOf = (p: Patient, url: string): string | undefined => p.extension?.find((e) => e.url === url)?.valueCoding?.code;

describe('the full demo, as planned', () => {
  it('has every site of the programme’s list, and a caseworker and a psychologist per governorate', () => {
    expect(context.sites.size).toBe(54);
    expect(context.team.filter((a) => a.startsWith('caseworker.'))).toHaveLength(9);
    expect(context.team.filter((a) => a.startsWith('psychologist.'))).toHaveLength(9);
  });

  it('registers about five hundred people with the programme’s mix of gender, age, marital status, disability, group and governorate', () => {
    const patients = people.map((p) => p.patient);
    expect(patients.length + roster.length).toBe(500);
    expect(share(patients, (p) => p.gender === 'female')).toBeGreaterThan(0.5);
    expect(share(patients, (p) => p.gender === 'female')).toBeLessThan(0.7);
    expect(share(patients, (p) => ageOf(p) < 18)).toBeGreaterThan(0.07);
    expect(share(patients, (p) => ageOf(p) < 18)).toBeLessThan(0.18);
    expect(share(patients, (p) => ageOf(p) >= 60)).toBeGreaterThan(0.03);
    expect(new Set(patients.map((p) => p.maritalStatus?.coding?.[0]?.code).filter(Boolean))).toEqual(new Set(['M', 'S', 'W', 'D', 'L']));
    expect(new Set(patients.map((p) => codeOf(p, DISABILITY_URL)))).toEqual(new Set(['yes', 'no', 'not-disclosed']));
    expect(share(patients, (p) => codeOf(p, DISABILITY_URL) === 'yes')).toBeGreaterThan(0.05);
    expect(new Set(patients.map((p) => codeOf(p, POPULATION_GROUP_URL)))).toEqual(new Set(['idp', 'returnee', 'host-community', 'refugee']));
    expect(share(patients, (p) => codeOf(p, POPULATION_GROUP_URL) === 'idp')).toBeGreaterThan(0.3);
    const governorates = new Set(patients.map((p) => p.address?.[0]?.state));
    expect(governorates.size).toBe(9);
    expect(share(patients, (p) => p.address?.[0]?.state === 'Dahuk' || p.address?.[0]?.state === 'Ninewa')).toBeGreaterThan(0.4);
    expect(new Set(patients.map((p) => p.communication?.[0]?.language.coding?.[0]?.code))).toEqual(new Set(['ar', 'ckb', 'kmr']));
  });

  it('spreads registrations over eighteen months, and shows every state a case has today', () => {
    const days = people.map((p) => p.entry.registeredDaysAgo);
    expect(Math.max(...days)).toBeGreaterThan(500);
    expect(Math.min(...days)).toBeLessThan(10);
    const states = new Map<string, number>();
    for (const c of courses) states.set(c.episode.status, (states.get(c.episode.status) ?? 0) + 1);
    expect([...states.keys()].sort()).toEqual(['active', 'finished', 'waitlist']);
    expect(states.get('finished')).toBeGreaterThan(150);
    expect(people.filter((p) => p.entry.transferredTo !== undefined).length).toBeGreaterThan(30);
    expect(people.filter((p) => p.entry.doh === 'consented').length).toBeGreaterThan(80);
    expect(people.filter((p) => p.entry.doh === 'withdrawn').length).toBeGreaterThan(0);
    expect(people.filter((p) => p.entry.sharesWithPartner).length).toBeGreaterThan(0);
    expect(people.filter((p) => p.caregiver !== undefined).length).toBeGreaterThan(30);
  });

  it('has improving and non-improving trajectories, high-risk cases with safety plans, and pending referrals', () => {
    expect(share(people, (p) => p.monthlyImprovement < 0.05)).toBeGreaterThan(0.1);
    expect(share(people, (p) => p.monthlyImprovement >= 0.12)).toBeGreaterThan(0.5);
    expect(people.filter((p) => p.entry.story === 'risk-reviewed').length).toBeGreaterThanOrEqual(2);
    expect(people.filter((p) => p.entry.story === 'referral-pending').length).toBeGreaterThanOrEqual(2);
    const created = demoPlan(context, FULL).flatMap((s) => (s.kind === 'create' ? s.resources : []));
    // safety plans are recorded as the form; the server's rule makes each CarePlan from it
    const safetyPlans = created.filter((r) => r.resourceType === 'QuestionnaireResponse' && String(r.questionnaire).includes('SAFETY_PLAN'));
    expect(safetyPlans.length).toBeGreaterThanOrEqual(4);
    expect(created.filter((r) => r.resourceType === 'ServiceRequest').length).toBeGreaterThanOrEqual(6);
  });

  it('holds group meetings every month at the teams’ sites, with sessions over the whole period', () => {
    const steps = demoPlan(context, FULL);
    const meetings = steps.filter((s) => s.kind === 'run' && s.what.startsWith('the attendance of Psychosocial support group'));
    expect(meetings.length).toBeGreaterThan(30);
    const oldest = Math.min(...meetings.map((s) => s.at.getTime()));
    expect(NOW.getTime() - oldest).toBeGreaterThan(365 * 24 * 3600_000);
  });

  it('plans the same people from the same seed, and others from another', async () => {
    expect(JSON.stringify(demoPlan(context, FULL))).toBe(JSON.stringify(demoPlan(context, FULL)));
    const other = await loadDemoContext(new Repository(server.store.pool), server.store.pool, NOW, { seed: 8 });
    if (other === undefined) throw new Error('the demo accounts are missing');
    const names = (c: DemoContext): string[] => demoPeople(c, populationRoster(c, 20)).map((p) => p.patient.name?.[0]?.text ?? '');
    expect(names(other)).not.toEqual(names(context));
  });
});

describe('the full demo, as written through the rules', () => {
  async function search<T extends Resource>(query: string): Promise<T[]> {
    const fhir = fhirClient(server.fhirBase, { Authorization: `Bearer ${await server.dataMigrationToken()}` });
    const res = await fhir<Bundle<T>>('GET', `${query}${query.includes('?') ? '&' : '?'}_count=1000`);
    expect(res.status, query).toBe(200);
    return (res.body.entry ?? []).map((e) => e.resource as T);
  }

  it('wrote the hand-written and the generated people, with cases in every state', async () => {
    // the hand-written stories register one of their people twice (the possible duplicate)
    const handWritten = demoPlan(context, 0).flatMap((s) => (s.kind === 'create' ? s.resources : [])).filter((r) => r.resourceType === 'Patient');
    expect(server.demoData?.patients).toBe(handWritten.length + WRITTEN);
    expect(handWritten.length).toBe(roster.length + 1);
    const cases = await search<EpisodeOfCare>('EpisodeOfCare');
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(['waitlist', 'active', 'finished']));
  });

  it('scored the repeated PHQ-9s on the server: some people much better, some hardly changed', async () => {
    const totals = await search<Observation>(`Observation?code=${PHQ9_TOTAL}&_sort=date`);
    const series = new Map<string, number[]>();
    for (const o of totals) series.set(o.subject?.reference ?? '', [...(series.get(o.subject?.reference ?? '') ?? []), o.valueInteger as number]);
    const repeated = [...series.values()].filter((s) => s.length >= 2);
    expect(repeated.some((s) => (s.at(-1) as number) <= s[0] - 5)).toBe(true);
    expect(repeated.some((s) => Math.abs((s.at(-1) as number) - s[0]) <= 2)).toBe(true);
  });
});
