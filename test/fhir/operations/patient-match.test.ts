import { beforeAll, describe, expect, it } from 'vitest';
import { fhirClient } from '../../support/server.js';
import { useTestServer } from '../../support/suite.js';
import { reindexParameters } from '../../../server/store/reindex.js';
import { buildWorld, type Staff, type World } from '../../access/world.js';

/**
 * `POST Patient/$match` over HTTP, as the staff of two organisations: the Bundle's shape, refusals of bad
 * Parameters naming the parameter, the caller's reach (a likely match elsewhere is announced without a
 * word about the person, and that person's supervisors get a review Task), and the audit trail.
 */
const suite = useTestServer();
let world: World;
let supervisorB: ReturnType<typeof fhirClient>;
const ids: Record<string, string> = {};
const GRADE = 'http://hl7.org/fhir/StructureDefinition/match-grade';
const TASK_CODE = 'https://hiwa.health/fhir/CodeSystem/task-type|duplicate-review';
const SITE = 'https://hiwa.health/fhir/StructureDefinition/registration-site';
const ESTIMATED = { extension: [{ url: 'https://hiwa.health/fhir/StructureDefinition/estimated-age', valueBoolean: true }] };

const member = (key: string): Staff => world.staff.find((s) => s.key === key) as Staff;

async function register(key: string, org: string, site: string, patient: Record<string, unknown>): Promise<void> {
  const res = await world.migration('POST', 'Patient', {
    resourceType: 'Patient',
    managingOrganization: { reference: `Organization/${org}` },
    extension: [{ url: SITE, valueReference: { reference: `Location/${site}` } }],
    ...patient,
  });
  if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
  ids[key] = res.body.id as string;
}

beforeAll(async () => {
  world = await buildWorld(suite.server);
  const account = await suite.server.createAccount({ role: 'supervisor', organization: world.orgB, sites: [world.siteB] });
  const token = (await suite.server.login(account.username, account.password)).access_token;
  supervisorB = fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${token}` });
  const phone = [{ system: 'phone', value: '07701234567' }];
  await register('mohammed', world.orgA, world.siteA1, {
    name: [{ given: ['Mohammed', 'Ali', 'Hussein'], family: 'Al-Jubouri' }], gender: 'male', birthDate: '1988-03-04', telecom: phone,
  });
  await register('muhammad', world.orgA, world.siteA1, {
    name: [{ given: ['Muhammad', 'Ali'], family: 'Aljuburi' }], gender: 'male', birthDate: '1987', _birthDate: ESTIMATED,
  });
  await register('brother', world.orgA, world.siteA1, {
    name: [{ given: ['Ahmed', 'Ali', 'Hussein'], family: 'Al-Jubouri' }], gender: 'male', birthDate: '1991-07-15', telecom: phone,
  });
  await register('rebwar', world.orgB, world.siteB, {
    name: [{ given: ['Rebwar', 'Aziz', 'Mahmoud'], family: 'Barzinji' }], gender: 'male', birthDate: '1985-11-02',
    telecom: [{ system: 'phone', value: '+964 770 100 2003' }],
  });
}, 120_000);

const matchParameters = (patient: Record<string, unknown>, extra: Record<string, unknown>[] = []) => ({
  resourceType: 'Parameters',
  parameter: [{ name: 'resource', resource: { resourceType: 'Patient', ...patient } }, ...extra],
});
const mohammedInArabic = {
  name: [{ given: ['محمد', 'علي', 'حسين'], family: 'الجبوري' }], gender: 'male', birthDate: '1988-03-04',
  telecom: [{ system: 'phone', value: '+964 770 123 4567' }],
};
type Entry = { fullUrl?: string; resource: { resourceType: string; id?: string; issue?: { severity: string; diagnostics?: string }[] }; search: { mode: string; score?: number; extension?: { url: string; valueCode: string }[] } };
const gradeOf = (e: Entry) => e.search.extension?.find((x) => x.url === GRADE)?.valueCode;
const matchEntries = (body: { entry?: Entry[] }) => (body.entry ?? []).filter((e) => e.search.mode === 'match');
const outcomeEntries = (body: { entry?: Entry[] }) => (body.entry ?? []).filter((e) => e.search.mode === 'outcome');

describe('Patient/$match: the answer', () => {
  it('is a searchset of the caller\'s Patients, best first, each with a score and a match grade', async () => {
    const res = await member('a.caseworker').fhir('POST', 'Patient/$match', matchParameters(mohammedInArabic));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const entries = matchEntries(res.body);
    expect(entries.map((e) => e.resource.id).slice(0, 2)).toEqual([ids.mohammed, ids.muhammad]);
    expect(gradeOf(entries[0])).toBe('certain');
    expect(gradeOf(entries[1])).toBe('probable');
    for (const e of entries) {
      expect(e.fullUrl).toMatch(new RegExp(`/Patient/${e.resource.id}$`));
      expect(e.search.score).toBeGreaterThanOrEqual(0);
      expect(e.search.score).toBeLessThanOrEqual(1);
      expect(['certain', 'probable', 'possible']).toContain(gradeOf(e));
    }
    const scores = entries.map((e) => e.search.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const brother = entries.find((e) => e.resource.id === ids.brother);
    expect(brother === undefined || gradeOf(brother) === 'possible').toBe(true);
    expect(res.body.total).toBe(entries.length);
  });

  it('count limits the matches, onlyCertainMatches keeps the certain ones', async () => {
    const one = await member('a.caseworker').fhir('POST', 'Patient/$match', matchParameters(mohammedInArabic, [{ name: 'count', valueInteger: 1 }]));
    expect(matchEntries(one.body).map((e) => e.resource.id)).toEqual([ids.mohammed]);
    const certain = await member('a.caseworker').fhir('POST', 'Patient/$match', matchParameters(mohammedInArabic, [{ name: 'onlyCertainMatches', valueBoolean: true }]));
    expect(matchEntries(certain.body).map((e) => [e.resource.id, gradeOf(e)])).toEqual([[ids.mohammed, 'certain']]);
  });

  it('a person nobody registered finds nothing', async () => {
    const res = await member('a.caseworker').fhir('POST', 'Patient/$match', matchParameters({ name: [{ given: ['Shilan'], family: 'Hawrami' }], gender: 'female', birthDate: '2001' }));
    expect(res.status).toBe(200);
    expect(res.body.entry ?? []).toEqual([]);
    expect(res.body).not.toHaveProperty('entry'); // FHIR JSON has no empty arrays
  });
});

describe('Patient/$match: bad Parameters', () => {
  const refused = async (body: unknown, status: number, names: string) => {
    const res = await member('a.caseworker').fhir('POST', 'Patient/$match', body);
    expect(res.status).toBe(status);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(res.body.issue[0].expression)).toContain(names);
  };
  it('no resource: 400 naming it', () => refused({ resourceType: 'Parameters', parameter: [] }, 400, "name='resource'"));
  it('a resource that is no Patient: 400 naming it', () =>
    refused({ resourceType: 'Parameters', parameter: [{ name: 'resource', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' } } }] }, 400, "name='resource'"));
  it('a Patient with a wrongly typed element: 400 naming the element', () => refused(matchParameters({ name: [{ given: 'Ali' }] }), 400, 'resource.name[0].given'));
  it.each([[{ valueInteger: 0 }], [{ valueInteger: -3 }], [{ valueDecimal: 1.5 }], [{ valueString: '5' }]])('count %j: 400 naming count', (value) =>
    refused(matchParameters(mohammedInArabic, [{ name: 'count', ...value }]), 400, "name='count'"));
  it('onlyCertainMatches that is no boolean: 400 naming it', () =>
    refused(matchParameters(mohammedInArabic, [{ name: 'onlyCertainMatches', valueString: 'yes' }]), 400, "name='onlyCertainMatches'"));
  it('an unknown parameter: 400 naming it', () => refused(matchParameters(mohammedInArabic, [{ name: 'threshold', valueDecimal: 0.5 }]), 400, "name='threshold'"));
  it('a Patient without a name: 422 naming the name', () => refused(matchParameters({ gender: 'male', birthDate: '1988' }), 422, 'resource.name'));
  it('a body that is no Parameters: 400', async () => {
    const res = await member('a.caseworker').fhir('POST', 'Patient/$match', { resourceType: 'Patient', name: [{ family: 'x' }] });
    expect(res.status).toBe(400);
  });
  it('a role that reads no patients: 403', async () => {
    expect((await member('a.reporter').fhir('POST', 'Patient/$match', matchParameters(mohammedInArabic))).status).toBe(403);
  });
});

describe('Patient/$match: beyond the caller\'s reach', () => {
  const rebwarInSorani = {
    name: [{ given: ['ڕێبوار', 'عەزیز', 'مەحمود'], family: 'بەرزنجی' }], gender: 'male', birthDate: '1985', _birthDate: ESTIMATED,
    telecom: [{ system: 'phone', value: '0770 100 2003' }],
  };
  let answer: string;

  it('a caseworker of organisation A does not get B\'s patient, but is told a likely match exists elsewhere', async () => {
    const res = await member('a.caseworker').fhir('POST', 'Patient/$match', matchParameters(rebwarInSorani));
    expect(res.status).toBe(200);
    answer = JSON.stringify(res.body);
    expect(matchEntries(res.body)).toEqual([]);
    const outcomes = outcomeEntries(res.body);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].resource.resourceType).toBe('OperationOutcome');
    expect(outcomes[0].resource.issue?.map((i) => i.severity)).toEqual(['information']);
  });

  it('says nothing about that person: no id, no name, no organisation or site', () => {
    for (const secret of [ids.rebwar, 'Rebwar', 'Barzinji', world.orgB, world.siteB, '1985-11-02']) expect(answer).not.toContain(secret);
  });

  it('B\'s supervisor gets one review Task for the patient, however often the match is asked for', async () => {
    await member('a.caseworker').fhir('POST', 'Patient/$match', matchParameters(rebwarInSorani));
    const res = await supervisorB('GET', `Task?patient=Patient/${ids.rebwar}&code=${TASK_CODE}`);
    expect(res.status).toBe(200);
    const tasks = (res.body.entry ?? []).map((e: { resource: Record<string, unknown> }) => e.resource);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      status: 'requested',
      for: { reference: `Patient/${ids.rebwar}` },
      requester: { reference: `Practitioner/${member('a.caseworker').practitionerId}` },
      code: { text: 'Review a possible duplicate registration' },
    });
  });

  it('B\'s own caseworker gets the patient as a match, and no outcome entry', async () => {
    const res = await member('b.caseworker').fhir('POST', 'Patient/$match', matchParameters(rebwarInSorani));
    expect(matchEntries(res.body).map((e) => e.resource.id)).toEqual([ids.rebwar]);
    expect(outcomeEntries(res.body)).toEqual([]);
  });

  it('the audit trail holds the operation, the patients returned and the review Task', async () => {
    const res = await member('a.admin').fhir('GET', 'AuditEvent?subtype=operation&_count=1000');
    expect(res.status).toBe(200);
    type Event = { agent: { who?: { reference?: string } }[]; entity?: { what?: { reference?: string }; query?: string }[] };
    const events = (res.body.entry ?? [])
      .map((e: { resource: Event }) => e.resource)
      .filter((e: Event) => e.entity?.some((x) => x.query !== undefined && Buffer.from(x.query, 'base64').toString() === 'Patient/$match'));
    const byCaseworker = events.filter((e: Event) => e.agent[0]?.who?.reference === `Practitioner/${member('a.caseworker').practitionerId}`);
    const refs = byCaseworker.flatMap((e: Event) => (e.entity ?? []).map((x) => x.what?.reference));
    expect(refs).toContain(`Patient/${ids.mohammed}`);
    expect(refs.some((r: string | undefined) => r?.startsWith('Task/'))).toBe(true);
    expect(refs).not.toContain(`Patient/${ids.rebwar}`);
  });
});

describe('Patient/$match: Patients written before the blocking keys existed', () => {
  const salma = { name: [{ given: ['Salma', 'Younis'], family: 'Dawood' }], gender: 'female', birthDate: '1955', _birthDate: ESTIMATED };

  it('are not found until the keys are indexed, then found', async () => {
    await register('salma', world.orgA, world.siteA1, salma);
    // As a row written before name-key and phone-key were SearchParameters: without their index rows.
    await suite.server.store.pool.query("DELETE FROM sp_token WHERE resource_id = $1 AND param IN ('name-key', 'phone-key')", [ids.salma]);
    const ask = () => member('a.caseworker').fhir('POST', 'Patient/$match', matchParameters({ ...salma, name: [{ given: ['سلمى', 'يونس'], family: 'داود' }] }));
    expect(matchEntries((await ask()).body)).toEqual([]);
    expect(await reindexParameters(suite.server.store.pool, 'Patient', ['name-key', 'phone-key'])).toBeGreaterThanOrEqual(5);
    expect(matchEntries((await ask()).body).map((e) => e.resource.id)).toEqual([ids.salma]);
  });
});
