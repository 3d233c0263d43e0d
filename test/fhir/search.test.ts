import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirClient, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let fhir: ReturnType<typeof fhirClient>;
const ids: Record<string, string> = {};

/** Names of the matches, sorted, so each test states its expected result set plainly. */
async function names(query: string): Promise<string[]> {
  const res = await fhir('GET', query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.entry ?? [])
    .filter((e: { search: { mode: string } }) => e.search.mode === 'match')
    .map((e: { resource: { name?: { given?: string[] }[]; id: string } }) => e.resource.name?.[0]?.given?.[0] ?? e.resource.id)
    .sort();
}

beforeAll(async () => {
  server = await startTestServer({ caller: 'data-migration' });
  fhir = fhirClient(server.fhirBase);
  const people = [
    { key: 'ali', given: 'Ali', family: 'Karim', gender: 'male', birthDate: '1990-05-14', tag: 'camp-a' },
    { key: 'layla', given: 'Layla', family: 'Hassan', gender: 'female', birthDate: '1985-11-02', tag: 'camp-a' },
    { key: 'jose', given: 'José', family: 'Álvarez', gender: 'male', birthDate: '2010', tag: 'camp-b' },
    { key: 'noor', given: 'Noor', family: 'Hassani', gender: 'female', birthDate: '2001-01-01', tag: 'camp-b' },
    { key: 'shilan', given: 'Shilan', family: 'هەژار', gender: 'female', birthDate: '1999-12-31', tag: 'camp-c' },
  ];
  for (const p of people) {
    const res = await fhir('POST', 'Patient', {
      resourceType: 'Patient',
      meta: { tag: [{ system: 'urn:hiwa:test-site', code: p.tag }] },
      identifier: [{ system: 'urn:hiwa:registration', value: `REG-${p.key}` }],
      name: [{ family: p.family, given: [p.given] }],
      gender: p.gender,
      birthDate: p.birthDate,
      active: p.key !== 'noor',
      address: [{ state: 'Dahuk', city: p.key === 'ali' ? 'Zakho' : 'Dahuk City' }],
    });
    ids[p.key] = res.body.id;
  }
  const obs = (patient: string, code: string, value: number, date: string) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: `Patient/${ids[patient]}` },
    effectiveDateTime: date,
    valueQuantity: { value, system: 'http://unitsofmeasure.org', code: '{score}' },
  });
  for (const o of [
    obs('ali', '44261-6', 12, '2024-03-01T10:00:00Z'),
    obs('ali', '44261-6', 6, '2024-05-01T10:00:00Z'),
    obs('layla', '44261-6', 21, '2024-03-15T09:30:00Z'),
    obs('layla', '69722-7', 2, '2024-03-15T09:30:00Z'),
  ]) {
    await fhir('POST', 'Observation', o);
  }
});
afterAll(() => server.close());

describe('string parameters', () => {
  it('match by prefix, ignoring case and accents, by default', async () => {
    expect(await names('Patient?family=hass')).toEqual(['Layla', 'Noor']);
    expect(await names('Patient?name=jose')).toEqual(['José']);
    expect(await names('Patient?family=ALVAREZ')).toEqual(['José']);
    expect(await names('Patient?family=هەژ')).toEqual(['Shilan']);
  });
  it(':exact compares the whole value as written', async () => {
    expect(await names('Patient?family:exact=Hassan')).toEqual(['Layla']);
    expect(await names('Patient?family:exact=hassan')).toEqual([]);
  });
  it(':contains finds the text anywhere', async () => {
    expect(await names('Patient?family:contains=ssa')).toEqual(['Layla', 'Noor']);
  });
  it('treats % and _ as text, not wildcards', async () => {
    expect(await names('Patient?family=%25')).toEqual([]);
    expect(await names('Patient?family=_')).toEqual([]);
  });
  it('address parts are searchable', async () => {
    expect(await names('Patient?address-city=zak')).toEqual(['Ali']);
  });
});

describe('token parameters', () => {
  it('code alone, system|code, |code and system|', async () => {
    expect(await names('Patient?gender=female')).toEqual(['Layla', 'Noor', 'Shilan']);
    expect(await names('Patient?identifier=urn:hiwa:registration|REG-ali')).toEqual(['Ali']);
    expect(await names('Patient?identifier=REG-layla')).toEqual(['Layla']);
    expect(await names('Patient?identifier=|REG-layla')).toEqual([]);
    expect((await names('Patient?identifier=urn:hiwa:registration|')).length).toBe(5);
  });
  it(':not excludes matches (and keeps resources without the element)', async () => {
    expect(await names('Patient?gender:not=female')).toEqual(['Ali', 'José']);
  });
  it('booleans are tokens', async () => {
    expect(await names('Patient?active=false')).toEqual(['Noor']);
  });
  it('comma means OR; repeating a parameter means AND', async () => {
    expect(await names('Patient?identifier=REG-ali,REG-noor')).toEqual(['Ali', 'Noor']);
    expect(await names('Patient?gender=female&family=hass')).toEqual(['Layla', 'Noor']);
  });
  it('_tag searches meta.tag', async () => {
    expect(await names('Patient?_tag=urn:hiwa:test-site|camp-b')).toEqual(['José', 'Noor']);
  });
});

describe('date parameters', () => {
  it('eq on a partial date matches values inside it', async () => {
    expect(await names('Patient?birthdate=1990')).toEqual(['Ali']);
    expect(await names('Patient?birthdate=1985-11')).toEqual(['Layla']);
    expect(await names('Patient?birthdate=eq1999-12-31')).toEqual(['Shilan']);
  });
  it('gt, lt, ge, le compare ranges', async () => {
    expect(await names('Patient?birthdate=gt2000')).toEqual(['José', 'Noor']);
    expect(await names('Patient?birthdate=lt1990-05-14')).toEqual(['Layla']);
    expect(await names('Patient?birthdate=le1990-05-14')).toEqual(['Ali', 'Layla']);
    expect(await names('Patient?birthdate=ge2001-01-01')).toEqual(['José', 'Noor']);
  });
  it('a value less precise than the search is not equal to it (2010 is not 2010-06-01)', async () => {
    expect(await names('Patient?birthdate=2010-06-01')).toEqual([]);
    expect(await names('Patient?birthdate=2010')).toEqual(['José']);
  });
  it('sa, eb and ne', async () => {
    expect(await names('Patient?birthdate=sa2001-01-01')).toEqual(['José']);
    expect(await names('Patient?birthdate=eb1990')).toEqual(['Layla']);
    expect(await names('Patient?birthdate=ne1990-05-14')).toEqual(['José', 'Layla', 'Noor', 'Shilan']);
  });
  it('a range on one parameter (ge and lt together)', async () => {
    expect(await names('Patient?birthdate=ge1985&birthdate=lt2000')).toEqual(['Ali', 'Layla', 'Shilan']);
  });
  it('dateTimes with a zone', async () => {
    const res = await fhir('GET', 'Observation?date=gt2024-03-15T09:00:00%2B00:00&code=44261-6');
    expect(res.body.entry.length).toBe(2);
  });
  it('a malformed date is a 400 naming the parameter', async () => {
    const res = await fhir('GET', 'Patient?birthdate=last-tuesday');
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['birthdate']);
  });
});

describe('number and quantity parameters', () => {
  it('quantity with prefixes, with and without units', async () => {
    const count = async (q: string) => ((await fhir('GET', `Observation?${q}`)).body.entry ?? []).length;
    expect(await count('value-quantity=12')).toBe(1);
    expect(await count('value-quantity=gt10')).toBe(2);
    expect(await count('value-quantity=le6')).toBe(2);
    expect(await count('value-quantity=12|http://unitsofmeasure.org|{score}')).toBe(1);
    expect(await count('value-quantity=12||mg')).toBe(0);
  });
  it('a malformed number is a 400', async () => {
    expect((await fhir('GET', 'Observation?value-quantity=twelve')).status).toBe(400);
  });
});

describe('reference parameters and chaining', () => {
  it('Type/id, bare id and the :Type modifier', async () => {
    const count = async (q: string) => ((await fhir('GET', `Observation?${q}`)).body.entry ?? []).length;
    expect(await count(`subject=Patient/${ids.ali}`)).toBe(2);
    expect(await count(`subject=${ids.layla}`)).toBe(2);
    expect(await count(`subject:Patient=${ids.layla}`)).toBe(2);
    expect(await count(`patient=${ids.layla}&code=44261-6`)).toBe(1);
  });
  it('one level of chaining', async () => {
    const res = await fhir('GET', 'Observation?subject:Patient.name=layla');
    expect(res.body.entry.length).toBe(2);
    const viaPatient = await fhir('GET', 'Observation?patient.family=karim&code=http://loinc.org|44261-6');
    expect(viaPatient.body.entry.length).toBe(2);
  });
  it('an ambiguous chain asks for a type; two levels are refused', async () => {
    expect((await fhir('GET', 'Observation?subject.name=layla')).status).toBe(400);
    expect((await fhir('GET', 'Observation?subject:Patient.organization.name=x')).status).toBe(400);
  });
});

describe('_id, _lastUpdated, unknown parameters', () => {
  it('_id takes a list', async () => {
    expect(await names(`Patient?_id=${ids.ali},${ids.noor}`)).toEqual(['Ali', 'Noor']);
  });
  it('_lastUpdated compares with the write time', async () => {
    expect((await names('Patient?_lastUpdated=gt2000-01-01')).length).toBe(5);
    expect(await names('Patient?_lastUpdated=lt2000-01-01')).toEqual([]);
  });
  it('an unknown parameter is a 400 naming it, unless handling=lenient', async () => {
    const strict = await fhir('GET', 'Patient?favourite-colour=blue');
    expect(strict.status).toBe(400);
    expect(strict.body.issue[0].expression).toEqual(['favourite-colour']);
    const lenient = await fhir('GET', 'Patient?favourite-colour=blue&family=karim', undefined, { Prefer: 'handling=lenient' });
    expect(lenient.status).toBe(200);
    expect(lenient.body.entry.length).toBe(1);
  });
  it('an unknown modifier is a 400', async () => {
    expect((await fhir('GET', 'Patient?gender:sideways=female')).status).toBe(400);
  });
  it(':missing', async () => {
    const res = await fhir('GET', 'Patient?death-date:missing=true&family=hass');
    expect(res.body.entry.length).toBe(2);
    const none = await fhir('GET', 'Patient?birthdate:missing=true');
    expect(none.body.entry ?? []).toEqual([]);
  });
});

describe('result shaping', () => {
  it('_sort by several keys, descending with -', async () => {
    const res = await fhir('GET', 'Patient?_sort=gender,-birthdate');
    const order = res.body.entry.map((e: { resource: { name: { given: string[] }[] } }) => e.resource.name[0].given[0]);
    expect(order).toEqual(['Noor', 'Shilan', 'Layla', 'José', 'Ali']);
  });
  it('_total=accurate and _summary=count', async () => {
    const withTotal = await fhir('GET', 'Patient?gender=female&_count=1&_total=accurate');
    expect(withTotal.body.total).toBe(3);
    expect(withTotal.body.entry.length).toBe(1);
    const countOnly = await fhir('GET', 'Patient?gender=female&_summary=count');
    expect(countOnly.body.total).toBe(3);
    expect(countOnly.body.entry).toBeUndefined();
  });
  it('_elements keeps the named elements and marks the result SUBSETTED', async () => {
    const res = await fhir('GET', `Patient?_id=${ids.ali}&_elements=gender`);
    const r = res.body.entry[0].resource;
    expect(r.gender).toBe('male');
    expect(r.name).toBeUndefined();
    expect(r.meta.tag.map((t: { code: string }) => t.code)).toContain('SUBSETTED');
  });
  it('_include brings the referenced patient; _revinclude the observations', async () => {
    const inc = await fhir('GET', `Observation?subject=Patient/${ids.layla}&_include=Observation:subject`);
    const modes = inc.body.entry.map((e: { resource: { resourceType: string }; search: { mode: string } }) => `${e.resource.resourceType}:${e.search.mode}`);
    expect(modes.sort()).toEqual(['Observation:match', 'Observation:match', 'Patient:include']);
    const rev = await fhir('GET', `Patient?_id=${ids.ali}&_revinclude=Observation:subject`);
    expect(rev.body.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'include').length).toBe(2);
  });
  it('_include:iterate follows one more level', async () => {
    const org = await fhir('POST', 'Organization', { resourceType: 'Organization', name: 'Camp clinic' });
    const p = await fhir('POST', 'Patient', { resourceType: 'Patient', managingOrganization: { reference: `Organization/${org.body.id}` } });
    await fhir('POST', 'Observation', { resourceType: 'Observation', status: 'final', code: { text: 'iterate-check' }, subject: { reference: `Patient/${p.body.id}` } });
    const res = await fhir('GET', `Observation?subject=Patient/${p.body.id}&_include=Observation:subject&_include:iterate=Patient:organization`);
    const types = res.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType).sort();
    expect(types).toEqual(['Observation', 'Organization', 'Patient']);
  });
  it('POST _search takes form parameters', async () => {
    const res = await fetch(`${server.fhirBase}/Patient/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${server.token}` },
      body: 'family=karim',
    });
    const body = await res.json();
    expect(body.entry.length).toBe(1);
  });
});

describe('paging', () => {
  it('next and previous links walk the whole result once, in order', async () => {
    const seen: string[] = [];
    let res = await fhir('GET', 'Patient?_count=2&_sort=birthdate');
    for (;;) {
      seen.push(...res.body.entry.map((e: { resource: { id: string } }) => e.resource.id));
      const next = res.body.link.find((l: { relation: string }) => l.relation === 'next');
      if (!next) break;
      res = await fhir('GET', next.url.replace(server.fhirBase, ''));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const prev = res.body.link.find((l: { relation: string }) => l.relation === 'previous');
    const back = await fhir('GET', prev.url.replace(server.fhirBase, ''));
    expect(back.body.entry.length).toBe(2);
  });

  it('pages stay correct while other clients write: no duplicates, nothing skipped', async () => {
    const tag = `paging-${Date.now()}`;
    const make = (i: number) => ({ resourceType: 'Patient', meta: { tag: [{ system: 'urn:hiwa:paging', code: tag }] }, name: [{ family: `P${String(i).padStart(3, '0')}` }] });
    for (let i = 0; i < 30; i++) await fhir('POST', 'Patient', make(i));
    const original = new Set<string>();
    const seen: string[] = [];
    let res = await fhir('GET', `Patient?_tag=urn:hiwa:paging|${tag}&_count=7&_sort=family`);
    let i = 100;
    for (;;) {
      seen.push(...res.body.entry.map((e: { resource: { id: string } }) => e.resource.id));
      // meanwhile another client adds and changes patients in the same result set
      await fhir('POST', 'Patient', make(i++));
      const next = res.body.link.find((l: { relation: string }) => l.relation === 'next');
      if (!next) break;
      res = await fhir('GET', next.url.replace(server.fhirBase, ''));
    }
    const all = await fhir('GET', `Patient?_tag=urn:hiwa:paging|${tag}&_count=1000&family:exact=P000,P001,P002,P003,P004,P005,P006,P007,P008,P009,P010,P011,P012,P013,P014,P015,P016,P017,P018,P019,P020,P021,P022,P023,P024,P025,P026,P027,P028,P029`);
    all.body.entry.forEach((e: { resource: { id: string } }) => original.add(e.resource.id));
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of original) expect(seen).toContain(id);
  });

  it('_sort=-_lastUpdated: newest first, ties (one transaction) by id the same way, every page link walks forward and back', async () => {
    const tag = `recent-${Date.now()}`;
    const patient = (family: string) => ({ resourceType: 'Patient', meta: { tag: [{ system: 'urn:hiwa:recent', code: tag }] }, name: [{ family }] });
    await fhir('POST', 'Patient', patient('first'));
    // five created in one transaction share one lastUpdated
    const bundle = await fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: ['a', 'b', 'c', 'd', 'e'].map((f) => ({ resource: patient(f), request: { method: 'POST', url: 'Patient' } })),
    });
    expect(bundle.status).toBe(200);
    await fhir('POST', 'Patient', patient('last'));
    const query = `Patient?_tag=urn:hiwa:recent|${tag}&_sort=-_lastUpdated`;
    const whole = (await fhir('GET', `${query}&_count=100`)).body.entry.map((e: { resource: { id: string; meta: { lastUpdated: string } } }) => e.resource);
    expect(whole).toHaveLength(7);
    const expected = [...whole].sort((a, b) => (a.meta.lastUpdated === b.meta.lastUpdated ? (a.id < b.id ? 1 : -1) : a.meta.lastUpdated < b.meta.lastUpdated ? 1 : -1));
    expect(whole.map((r: { id: string }) => r.id)).toEqual(expected.map((r: { id: string }) => r.id));
    const idsOf = (res: { body: { entry: { resource: { id: string } }[] } }) => res.body.entry.map((e) => e.resource.id);
    const link = (res: { body: { link: { relation: string; url: string }[] } }, relation: string) =>
      res.body.link.find((l) => l.relation === relation)?.url.replace(server.fhirBase, '');
    const pages: string[][] = [];
    let res = await fhir('GET', `${query}&_count=2`);
    for (;;) {
      pages.push(idsOf(res));
      const next = link(res, 'next');
      if (!next) break;
      res = await fhir('GET', next);
    }
    expect(pages.flat()).toEqual(expected.map((r: { id: string }) => r.id));
    // and back from the last page, page by page, to the first
    const back: string[][] = [];
    for (let prev = link(res, 'previous'); prev; ) {
      const page = await fhir('GET', prev);
      back.unshift(idsOf(page));
      prev = link(page, 'previous');
    }
    expect([...back.flat(), ...pages[pages.length - 1]]).toEqual(expected.map((r: { id: string }) => r.id));
  });

  it('caps _count and refuses a forged cursor', async () => {
    const res = await fhir('GET', 'Patient?_count=100000');
    expect(res.status).toBe(200);
    const forged = await fhir('GET', 'Patient?_cursor=not-a-cursor');
    expect(forged.status).toBe(400);
  });
});
