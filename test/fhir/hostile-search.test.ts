import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';
import { buildWorld, expectedAccess, patientKeys, type Staff, type World } from '../access/world.js';

/**
 * Hostile search input, in every parameter type and in the parameters that shape a result: quotes, SQL,
 * LIKE wildcards, backslashes, NUL and control characters, 100 KB values, Arabic, bidi marks, emoji and
 * combining marks, odd and repeated modifiers, empty values, 1,000 alternatives, 1,000 repeats. Every answer
 * is a 400 whose OperationOutcome names the parameter, or a 200 Bundle with the right (usually empty)
 * result: never a 500, and never anything of a patient the caller (a caseworker of organisation A) does not
 * reach. Afterwards the database still answers as before.
 */

const suite = useTestServer();
let world: World;
let caseworker: Staff;
/** ids of every resource the caseworker must never see */
let foreignIds: string[];
/** visible patients with names that a wildcard or an unescaped backslash would wrongly match */
let literalPatientId: string;
let arabicPatientId: string;

const SITE_EXT = 'https://hiwa.health/fhir/StructureDefinition/registration-site';
const UCUM = 'http://unitsofmeasure.org';

beforeAll(async () => {
  world = await buildWorld(suite.server);
  caseworker = world.staff.find((s) => s.key === 'a.caseworker') as Staff;
  const create = async (resource: Record<string, unknown>): Promise<string> => {
    const res = await world.migration('POST', resource.resourceType as string, resource);
    if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  // Every patient gets data for each parameter type, so that a filter that failed open would find something.
  const extra: Record<string, string[]> = {};
  for (const key of patientKeys) {
    const subject = { reference: `Patient/${world.patients[key].id}` };
    extra[key] = [
      await create({
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }], text: 'PHQ-9 total' },
        subject,
        effectiveDateTime: '2024-03-01T10:00:00Z',
        valueQuantity: { value: 5, unit: 'mg', system: UCUM, code: 'mg' },
      }),
      await create({ resourceType: 'RiskAssessment', status: 'final', subject, prediction: [{ probabilityDecimal: 0.3 }] }),
    ];
  }
  foreignIds = patientKeys
    .filter((k) => expectedAccess(caseworker, world.patients[k], false) === 'hidden')
    .flatMap((k) => [world.patients[k].id, world.patients[k].observationId, world.patients[k].psyConditionId, ...extra[k]]);
  // PSY content is foreign to a caseworker even for patients they reach.
  foreignIds.push(...patientKeys.map((k) => world.patients[k].psyConditionId));

  const visiblePatient = async (family: string, given: string): Promise<string> =>
    create({
      resourceType: 'Patient',
      name: [{ family, given: [given] }],
      gender: 'female',
      birthDate: '1990-05-17',
      managingOrganization: { reference: `Organization/${world.orgA}` },
      extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${world.siteA1}` } }],
    });
  literalPatientId = await visiblePatient('100%_sure\\back', 'Literal');
  arabicPatientId = await visiblePatient('ناصر', 'José');
}, 180_000);

// ---------------------------------------------------------------------------------------------------------
// The probe: one search sent as GET (when the URL is of a size servers take) and as POST _search.

interface Answer {
  via: string;
  status: number;
  text: string;
}

async function probe(type: string, params: [string, string][]): Promise<Answer[]> {
  const query = new URLSearchParams(params).toString();
  const auth = { Authorization: `Bearer ${caseworker.token}` };
  const answers: Answer[] = [];
  if (query.length < 6000) {
    const res = await fetch(`${suite.server.fhirBase}/${type}?${query}`, { headers: auth });
    answers.push({ via: 'GET', status: res.status, text: await res.text() });
  }
  const res = await fetch(`${suite.server.fhirBase}/${type}/_search`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: query,
  });
  answers.push({ via: 'POST _search', status: res.status, text: await res.text() });
  return answers;
}

/** Short, printable form of a value for failure messages. */
const show = (v: string): string => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…(${v.length} chars)` : v);

/**
 * The rule for every hostile probe: 400 naming the parameter, or 200 with a searchset that holds nothing
 * foreign. Returns the ids matched by the 200 answers for further checks.
 */
async function expectSafe(type: string, params: [string, string][]): Promise<string[][]> {
  const matched: string[][] = [];
  const label = `${type}?${params.map(([k, v]) => `${k}=${show(v)}`).join('&')}`;
  for (const a of await probe(type, params)) {
    const where = `${a.via} ${label}`;
    expect.soft([200, 400], `${where} answered ${a.status}: ${a.text.slice(0, 300)}`).toContain(a.status);
    const body = JSON.parse(a.text) as {
      resourceType: string;
      type?: string;
      issue?: { diagnostics?: string; expression?: string[] }[];
      entry?: { resource: { id: string }; search: { mode: string } }[];
    };
    if (a.status === 400) {
      expect(body.resourceType, where).toBe('OperationOutcome');
      const named = (body.issue ?? []).flatMap((i) => [i.diagnostics ?? '', ...(i.expression ?? [])]).join('\n');
      const names = params.flatMap(([k]) => k.split(/[:.]/)).filter((n) => n.length > 0);
      // A parameter without a name ('=x') cannot be named; any other 400 must say which parameter it refuses.
      if (names.length > 0) {
        expect(names.some((n) => named.includes(n)), `${where}: the OperationOutcome names no parameter: ${JSON.stringify(named).slice(0, 300)}`).toBe(true);
      }
    } else {
      expect(body.resourceType, where).toBe('Bundle');
      expect(body.type, where).toBe('searchset');
      // The self link repeats the query as sent; what must not appear is anything the server found.
      const found = JSON.stringify(body.entry ?? []);
      for (const id of foreignIds) expect(found.includes(id), `${where} revealed ${id}`).toBe(false);
      matched.push((body.entry ?? []).filter((e) => e.search.mode === 'match').map((e) => e.resource.id));
    }
  }
  return matched;
}

// ---------------------------------------------------------------------------------------------------------
// The hostile values.

const many = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join(',');

const hostileValues: string[] = [
  "'",
  "''",
  '"',
  "'; DROP TABLE resource; --",
  "x' OR '1'='1",
  '1) OR (1=1',
  '%',
  '_',
  '%%',
  '%_%',
  '\\',
  '\\\\',
  'a\\',
  '\\%',
  '\\_',
  '\\,',
  '\\|',
  '\\$',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u001b[0m\u007f',
  '\r\n\t',
  'x'.repeat(100_000),
  '%'.repeat(100_000),
  'ناصر',
  '\u200Fناصر\u200E',
  '\u202Eevil\u202C',
  '😀👨‍👩‍👧🇮🇶',
  'e\u0301\u0302\u0303\u0304\u0305\u0306',
  '\uFEFF',
  '',
  ',',
  ',,,,',
  '|',
  '||',
  '|||',
  '$',
  '*',
  'null',
  'undefined',
  '../../../../etc/passwd',
  '${jndi:ldap://x/a}',
  '<script>alert(1)</script>',
  '{"$gt":""}',
  '2024-03-01',
  'ge2024',
  'ap2024-03-01T10:00:00Z',
  'eq5|http://unitsofmeasure.org|mg',
  '0000',
  '9999-12-31T23:59:59.999Z',
  'ge9999',
  'lt0001',
  '2024-02-30',
  '2024-13-01',
  '2024-03-01T25:00:00Z',
  '2024-03-01T10:00:00+99:99',
  '1e400',
  '-1e-400',
  '1e999999999',
  '1e-999999999',
  '9'.repeat(20_000),
  '0.' + '0'.repeat(20_000) + '1',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1,,2',
  'gegegege1',
  'Patient/',
  'Patient/../Patient/x',
  'Organization/x',
  'http://evil.example/Patient/1',
  'urn:uuid:\u0000',
  'a:\u0000',
  many(1000, (i) => `v${i}`),
];

/** One parameter of each search type, with its modifiers, on the types a caseworker may search. */
const parameters: [string, string][] = [
  ['Patient', 'name'],
  ['Patient', 'family:exact'],
  ['Patient', 'given:contains'],
  ['Patient', 'address'],
  ['Patient', 'gender'],
  ['Patient', 'identifier'],
  ['Observation', 'code'],
  ['Observation', 'code:text'],
  ['Observation', 'code:not'],
  ['Patient', '_security'],
  ['Patient', 'birthdate'],
  ['Observation', 'date'],
  ['RiskAssessment', 'probability'],
  ['Observation', 'value-quantity'],
  ['Observation', 'subject'],
  ['Observation', 'subject:Patient'],
  ['Observation', 'patient'],
  ['Questionnaire', 'url'],
  ['Questionnaire', 'url:below'],
  ['Questionnaire', 'url:above'],
  ['Patient', '_id'],
  ['Patient', '_lastUpdated'],
  ['Patient', 'name:missing'],
  ['Observation', 'subject:Patient.name'],
  ['Observation', 'patient.birthdate'],
  ['Observation', 'subject:Patient._id'],
  ['Observation', 'subject:Patient.organization'],
  ['Patient', '_sort'],
  ['Patient', '_count'],
  ['Observation', '_include'],
  ['Observation', '_include:iterate'],
  ['Patient', '_revinclude'],
  ['Patient', '_cursor'],
  ['Patient', '_total'],
  ['Patient', '_summary'],
  ['Patient', '_elements'],
];

describe.each(parameters)('%s?%s= with hostile values', (type, name) => {
  it('answers 400 naming the parameter or 200 without foreign data, never 500', async () => {
    // a few at a time: the answers are independent, and the sweep is long
    for (let i = 0; i < hostileValues.length; i += 8) {
      await Promise.all(hostileValues.slice(i, i + 8).map((value) => expectSafe(type, [[name, value]])));
    }
  }, 120_000);
});

describe('hostile parameter names, modifiers and repeats', () => {
  const names: [string, string][] = [
    ['Patient', 'name:exact:contains'],
    ['Patient', 'name:contains:exact'],
    ['Patient', 'name:unknown'],
    ['Patient', 'name:'],
    ['Patient', 'name::'],
    ['Patient', ':name'],
    ['Patient', 'name:missing:not'],
    ['Patient', 'gender:not:not'],
    ['Patient', 'gender:text:not'],
    ['Patient', 'gender:below'],
    ['Patient', 'birthdate:exact'],
    ['Patient', '_id:exact'],
    ['Patient', '_id:missing'],
    ['Patient', '_lastUpdated:missing'],
    ['Observation', 'subject:Patient:Patient'],
    ['Observation', 'subject:Organization'],
    ['Observation', 'subject:Nope'],
    ['Observation', 'subject:identifier'],
    ['Observation', 'subject.name'],
    ['Observation', 'subject:Patient.organization.name'],
    ['Observation', 'subject:Patient.link:Patient.name'],
    ['Observation', 'subject:Patient.name:contains:exact'],
    ['Observation', 'subject:Patient.'],
    ['Observation', '.name'],
    ['Observation', 'subject:Patient.nope'],
    ['Observation', '_has:Condition:subject:code'],
    ['Patient', '_include:iterate:iterate'],
    ['Patient', '_include:recurse'],
    ['Patient', '_revinclude:nope'],
    ['Patient', '_count:exact'],
    ['Patient', '_sort:desc'],
    ['Patient', "'; DROP TABLE resource; --"],
    ['Patient', 'name\u0000'],
    ['Patient', '\u0000'],
    ['Patient', 'na%me'],
    ['Patient', 'نام'],
    ['Patient', '😀'],
    ['Patient', 'x'.repeat(10_000)],
    ['Patient', ''],
  ];
  it.each(names)('%s?%s=…', async (type, name) => {
    for (const value of ['x', '', "'; DROP TABLE resource; --", '\u0000', 'true', 'Patient/x']) await expectSafe(type, [[name, value]]);
  });

  it('the same parameter repeated is ANDed, with the right answer; repeated 1,000 times it answers all the same', async () => {
    const repeat = (n: number, family: string) => Array.from({ length: n }, () => ['family', family] as [string, string]);
    const repeated = await expectSafe('Patient', repeat(49, 'Matrix'));
    for (const ids of repeated) expect(ids.length).toBeGreaterThan(0);
    const contradicting = await expectSafe('Patient', [...repeat(49, 'Matrix'), ['family', 'NoSuchFamily']]);
    for (const ids of contradicting) expect(ids).toEqual([]);
    await expectSafe('Patient', repeat(1000, 'Matrix'));
    await expectSafe('Observation', Array.from({ length: 1000 }, (_, i) => ['_include', i % 2 ? 'Observation:subject' : 'Observation:performer'] as [string, string]));
  });

  it('many different parameters at once, each hostile', async () => {
    const params: [string, string][] = parameters
      .filter(([type, name]) => type === 'Patient' && !name.startsWith('_'))
      .flatMap(([, name]) => hostileValues.slice(0, 20).map((v) => [name, v] as [string, string]));
    await expectSafe('Patient', params);
  });

  it('_sort with 1,000 keys, and _sort by every kind of key', async () => {
    await expectSafe('Patient', [['_sort', many(1000, () => 'name')]]);
    await expectSafe('Patient', [['_sort', many(1000, (i) => (i % 2 ? '-birthdate' : '_id'))]]);
    for (const sort of ['', ',', '-', '--name', '+name', 'name,', ',name', ' name', 'name desc', 'name;', '_id;DROP TABLE resource', 'subject', '_lastUpdated,-_id,birthdate,gender,identifier,family']) {
      await expectSafe('Patient', [['_sort', sort]]);
    }
  });
});

describe('alternatives: 1,000 OR values', () => {
  it('_id with 1,000 values, foreign ones among them, finds only what the caller reaches', async () => {
    const values = [
      ...foreignIds,
      world.patients.unassignedA1.id,
      ...Array.from({ length: 1000 - foreignIds.length - 1 }, (_, i) => `missing-${i}`),
    ];
    const results = await expectSafe('Patient', [['_id', values.join(',')]]);
    for (const ids of results) expect(ids).toEqual([world.patients.unassignedA1.id]);
  });

  it('references to 1,000 patients, foreign ones among them, find only reachable Observations', async () => {
    const patients = [...patientKeys.map((k) => world.patients[k].id), ...Array.from({ length: 995 }, (_, i) => `p${i}`)];
    const results = await expectSafe('Observation', [['subject', patients.map((id) => `Patient/${id}`).join(',')], ['code:text', 'wellbeing']]);
    const reachable = patientKeys.filter((k) => expectedAccess(caseworker, world.patients[k], false) === 'visible').map((k) => world.patients[k].observationId);
    for (const ids of results) expect(ids.sort()).toEqual(reachable.sort());
  });

  it('1,000 values of every other parameter type answer safely', async () => {
    await expectSafe('Patient', [['name', many(1000, (i) => `n${i}'`)]]);
    await expectSafe('Patient', [['gender', many(1000, (i) => `sys${i}|code${i}`)]]);
    await expectSafe('Patient', [['birthdate', many(1000, (i) => `ge${1000 + i}-01-01`)]]);
    await expectSafe('Patient', [['_lastUpdated', many(1000, (i) => `lt${1900 + (i % 200)}`)]]);
    await expectSafe('RiskAssessment', [['probability', many(1000, (i) => `gt0.${i}`)]]);
    await expectSafe('Observation', [['value-quantity', many(1000, (i) => `${i}|${UCUM}|mg`)]]);
    await expectSafe('Questionnaire', [['url', many(1000, (i) => `http://x/${i}`)]]);
    await expectSafe('Observation', [['subject:Patient.name', many(1000, (i) => `m${i}`)]]);
    await expectSafe('Observation', [['_include', many(1000, () => 'Observation:subject')]]);
  });

  it('10,000 alternatives in one parameter are refused or answered, never a failure', async () => {
    await expectSafe('Patient', [['name', many(10_000, (i) => `n${i}`)]]);
    await expectSafe('Patient', [['_id', many(10_000, (i) => `id${i}`)]]);
    await expectSafe('Observation', [['date', many(10_000, () => 'ge2020')]]);
  });
});

describe('wildcards, escapes and scripts match literally', () => {
  const names = async (type: string, params: [string, string][]): Promise<string[]> => {
    const results = await expectSafe(type, params);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r).toEqual(results[0]);
    return results[0];
  };

  it('% and _ are not wildcards; a backslash is a character', async () => {
    expect(await names('Patient', [['family', '100%']])).toEqual([literalPatientId]);
    expect(await names('Patient', [['family', '100%_sure\\back']])).toEqual([literalPatientId]);
    expect(await names('Patient', [['family:contains', '_sure\\b']])).toEqual([literalPatientId]);
    expect(await names('Patient', [['family', '1_0']])).toEqual([]);
    expect(await names('Patient', [['family', '%']])).toEqual([]);
    expect(await names('Patient', [['family', '_']])).toEqual([]);
    expect(await names('Patient', [['family:contains', '%']])).toEqual([literalPatientId]);
    expect(await names('Patient', [['family:exact', '100%_sure\\back']])).toEqual([literalPatientId]);
    expect(await names('Patient', [['family:exact', '100%']])).toEqual([]);
    expect(await names('Observation', [['code:text', '%']])).toEqual([]);
    expect(await names('Questionnaire', [['url:below', '%']])).toEqual([]);
  });

  it('Arabic and accented names are found as written, with or without marks', async () => {
    expect(await names('Patient', [['family', 'ناصر']])).toEqual([arabicPatientId]);
    expect(await names('Patient', [['family', 'نَاصِر']])).toEqual([arabicPatientId]);
    expect(await names('Patient', [['given', 'jose']])).toEqual([arabicPatientId]);
    expect(await names('Patient', [['given', 'JOSE\u0301']])).toEqual([arabicPatientId]);
    expect(await names('Patient', [['given', 'José😀']])).toEqual([]);
  });
});

describe('page links (_cursor) made by hand', () => {
  const cursorOf = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('forged, truncated and mistyped cursors answer 400 naming _cursor, or a correct page', async () => {
    const forged = [
      'garbage',
      '',
      '====',
      cursorOf(['n', [], '\u0000']),
      cursorOf(['n', [], "'; DROP TABLE resource; --"]),
      cursorOf(['x', [], 'a']),
      cursorOf(['n', 'notarray', 'a']),
      cursorOf(['n', [1], 'a']),
      cursorOf({ a: 1 }),
      cursorOf(['n', ['a'.repeat(100_000)], 'a']),
      Buffer.from('\u0000\u0001').toString('base64url'),
    ];
    for (const cursor of forged) await expectSafe('Patient', [['_cursor', cursor]]);
    for (const [sort, key] of [
      ['_lastUpdated', 'not-a-time'],
      ['_lastUpdated', '2024-13-45 99:99:99+00'],
      ['_lastUpdated', '\u0000'],
      ['birthdate', "1990'; DROP TABLE resource; --"],
      ['-birthdate', '99999999-01-01'],
      ['_id', '\u0000'],
      ['name', '\u0000'],
      ['name', "'"],
    ] as const) {
      await expectSafe('Patient', [['_sort', sort], ['_cursor', cursorOf(['n', [key], 'x'])]]);
      await expectSafe('Patient', [['_sort', sort], ['_cursor', cursorOf(['p', [key], 'x'])]]);
    }
    await expectSafe('RiskAssessment', [['_sort', 'probability'], ['_cursor', cursorOf(['n', ['one'], 'x'])]]);
    await expectSafe('RiskAssessment', [['_sort', 'probability'], ['_cursor', cursorOf(['n', ['1e999999'], 'x'])]]);
  });

  it('a real next link still works, and the same link with the sort changed is refused', async () => {
    const first = await caseworker.fhir('GET', 'Patient?_count=1&_sort=_lastUpdated');
    const next = (first.body.link as { relation: string; url: string }[]).find((l) => l.relation === 'next');
    expect(next).toBeDefined();
    const cursor = new URL(next!.url).searchParams.get('_cursor') as string;
    const again = await expectSafe('Patient', [['_count', '1'], ['_sort', '_lastUpdated'], ['_cursor', cursor]]);
    for (const ids of again) expect(ids).toHaveLength(1);
    await expectSafe('Patient', [['_count', '1'], ['_sort', 'birthdate,name'], ['_cursor', cursor]]);
  });
});

describe('afterwards', () => {
  it('the database is intact: known resources read and searches answer as before', async () => {
    const p = world.patients.unassignedA1;
    expect((await caseworker.fhir('GET', `Patient/${p.id}`)).status).toBe(200);
    expect((await caseworker.fhir('GET', `Observation/${p.observationId}`)).status).toBe(200);
    expect((await world.migration('GET', `Patient/${world.patients.atPartner.id}`)).status).toBe(200);
    const all = await world.migration('GET', 'Patient?family=Matrix&_total=accurate');
    expect(all.body.total).toBe(patientKeys.length);
    const mine = await caseworker.fhir('GET', 'Patient?family=Matrix&_total=accurate');
    expect(mine.body.total).toBe(patientKeys.filter((k) => expectedAccess(caseworker, world.patients[k], false) === 'visible').length);
  });
});
