import { randomUUID } from 'node:crypto';
import type { BundleEntry, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';

/**
 * Batch and transaction (http.html#transaction, http.html#trules, bundle.html#rules): what is resolved,
 * what is atomic, in which order entries run, and what the response says about each entry.
 */

const suite = useTestServer({ caller: 'data-migration' });
const { fhir } = suite;

const urn = () => `urn:uuid:${randomUUID()}`;
const system = () => `urn:hiwa:bundle-test:${randomUUID()}`;

const post = (resource: Resource, fullUrl?: string, ifNoneExist?: string): BundleEntry => ({
  ...(fullUrl ? { fullUrl } : {}),
  resource,
  request: { method: 'POST', url: resource.resourceType, ...(ifNoneExist ? { ifNoneExist } : {}) },
});
const put = (resource: Resource & { id: string }, ifMatch?: string): BundleEntry => ({
  resource,
  request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}`, ...(ifMatch ? { ifMatch } : {}) },
});
const get = (url: string): BundleEntry => ({ request: { method: 'GET', url } });
const del = (url: string): BundleEntry => ({ request: { method: 'DELETE', url } });
/** bundle.html: in a Bundle, a JSON Patch travels as a Binary holding the patch document. */
const patch = (url: string, ops: unknown[]): BundleEntry => ({
  resource: {
    resourceType: 'Binary',
    contentType: 'application/json-patch+json',
    data: Buffer.from(JSON.stringify(ops)).toString('base64'),
  },
  request: { method: 'PATCH', url },
});

const patient = (identifierSystem = system(), value = 'p', gender = 'female') => ({
  resourceType: 'Patient' as const,
  identifier: [{ system: identifierSystem, value }],
  name: [{ family: 'Jaf', given: [value] }],
  gender: gender as 'female',
});
const observation = (subject: string, value = 5) => ({
  resourceType: 'Observation' as const,
  status: 'final' as const,
  code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
  subject: { reference: subject },
  valueInteger: value,
});

const send = (type: 'batch' | 'transaction', entry: BundleEntry[]) =>
  fhir('POST', '', { resourceType: 'Bundle', type, entry });

/** `Patient/abc/_history/1` (relative or absolute) → `Patient/abc`. */
const refOf = (entry: BundleEntry): string => {
  const m = /([A-Z][A-Za-z]+)\/([^/]+)\/_history\/\d+$/.exec(entry.response?.location ?? '');
  if (!m) throw new Error(`no location in ${JSON.stringify(entry.response)}`);
  return `${m[1]}/${m[2]}`;
};
const statusCode = (entry: BundleEntry) => entry.response?.status.slice(0, 3);

async function count(type: string): Promise<number> {
  const res = await fhir('GET', `${type}?_summary=count`);
  expect(res.status).toBe(200);
  return res.body.total;
}
/** The newest version of any Patient and Observation: unchanged means none was written, updated or deleted. */
async function lastWrites(): Promise<string[]> {
  const heads = await Promise.all(['Patient', 'Observation'].map((type) => fhir('GET', `${type}/_history?_count=1`)));
  return heads.map((res) => `${res.body.entry?.[0]?.fullUrl} ${res.body.entry?.[0]?.response?.etag}`);
}

describe('http.html#trules: references between entries of a transaction', () => {
  it('resolves urn:uuid references to the new ids, wherever they sit in a resource and whatever the entry order', async () => {
    const [p, group, attendee, condition, episode] = [urn(), urn(), urn(), urn(), urn()];
    const res = await send('transaction', [
      // the Observation comes first and points at resources created by later entries
      post({ ...observation(p), encounter: { reference: attendee } }),
      post({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: p }, partOf: { reference: group } }, attendee),
      post({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' } }, group),
      post(patient(), p),
      post({ resourceType: 'Condition', subject: { reference: p } }, condition),
      post(
        {
          resourceType: 'EpisodeOfCare',
          status: 'active',
          patient: { reference: p },
          diagnosis: [{ condition: { reference: condition }, rank: 1 }],
        },
        episode,
      ),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [obsRef, attendeeRef, groupRef, patientRef, conditionRef, episodeRef] = res.body.entry.map(refOf);

    const obs = (await fhir('GET', obsRef)).body;
    expect(obs.subject.reference).toBe(patientRef);
    expect(obs.encounter.reference).toBe(attendeeRef);
    const enc = (await fhir('GET', attendeeRef)).body;
    expect(enc.partOf.reference).toBe(groupRef);
    expect(enc.subject.reference).toBe(patientRef);
    const eoc = (await fhir('GET', episodeRef)).body;
    expect(eoc.diagnosis[0].condition.reference).toBe(conditionRef);
    // and the references are searchable like any other
    const found = await fhir('GET', `Observation?subject=${patientRef}`);
    expect(found.body.entry.map((e: BundleEntry) => e.resource!.id)).toEqual([obsRef.split('/')[1]]);
  });

  it('resolves a urn:uuid that names a PUT entry to the id that entry gives', async () => {
    const p = urn();
    const id = `put-${randomUUID()}`;
    const res = await send('transaction', [
      post(observation(p)),
      { fullUrl: p, ...put({ ...patient(), id }) },
    ]);
    expect(res.status).toBe(200);
    const obs = (await fhir('GET', refOf(res.body.entry[0]))).body;
    expect(obs.subject.reference).toBe(`Patient/${id}`);
  });

  it('refuses a urn:uuid reference that no entry has as fullUrl, storing nothing', async () => {
    const before = await count('Observation');
    const res = await send('transaction', [post(observation(urn()))]);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression[0]).toMatch(/^Bundle\.entry\[0\]/);
    expect(await count('Observation')).toBe(before);
  });
});

describe('http.html#trules: conditional references (Patient?identifier=system|value)', () => {
  it('replaces the search URI with a reference to the single match', async () => {
    const s = system();
    const existing = await fhir('POST', 'Patient', patient(s, 'only'));
    const res = await send('transaction', [post(observation(`Patient?identifier=${s}|only`))]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const obs = (await fhir('GET', refOf(res.body.entry[0]))).body;
    expect(obs.subject.reference).toBe(`Patient/${existing.body.id}`);
  });

  it('fails the transaction with 412 when the search matches nothing, or more than one', async () => {
    const s = system();
    await fhir('POST', 'Patient', patient(s, 'twin'));
    await fhir('POST', 'Patient', patient(s, 'twin'));
    const before = await count('Observation');
    const none = await send('transaction', [post(observation('Patient?identifier=urn:nowhere|0'))]);
    expect(none.status).toBe(412);
    expect(none.body.issue[0].expression).toEqual(['Bundle.entry[0]']);
    const ambiguous = await send('transaction', [post(observation(`Patient?identifier=${s}|twin`))]);
    expect(ambiguous.status).toBe(412);
    expect(await count('Observation')).toBe(before);
  });
});

describe('http.html#ccreate: conditional create inside a transaction (ifNoneExist)', () => {
  it('creates when nothing matches and uses the existing resource when one does, for later references too', async () => {
    const s = system();
    const existing = await fhir('POST', 'Patient', patient(s, 'known'));
    const [known, fresh] = [urn(), urn()];
    const res = await send('transaction', [
      post(patient(s, 'known'), known, `identifier=${s}|known`),
      post(patient(s, 'new'), fresh, `identifier=${s}|new`),
      post(observation(known)),
      post(observation(fresh)),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.entry.map(statusCode)).toEqual(['200', '201', '201', '201']);
    expect(refOf(res.body.entry[0])).toBe(`Patient/${existing.body.id}`);
    const obsKnown = (await fhir('GET', refOf(res.body.entry[2]))).body;
    expect(obsKnown.subject.reference).toBe(`Patient/${existing.body.id}`);
    const obsFresh = (await fhir('GET', refOf(res.body.entry[3]))).body;
    expect(obsFresh.subject.reference).toBe(refOf(res.body.entry[1]));
    expect((await fhir('GET', `Patient?identifier=${s}|known&_summary=count`)).body.total).toBe(1);
  });

  it('fails with 412 when ifNoneExist matches more than one', async () => {
    const s = system();
    await fhir('POST', 'Patient', patient(s, 'dup'));
    await fhir('POST', 'Patient', patient(s, 'dup'));
    const res = await send('transaction', [post(patient(s, 'dup'), urn(), `identifier=${s}|dup`)]);
    expect(res.status).toBe(412);
  });
});

describe('http.html#transaction: all or nothing', () => {
  /** 500 Patients and 500 Observations, each Observation pointing at the Patient before it. */
  function thousandEntries(s: string): BundleEntry[] {
    const entries: BundleEntry[] = [];
    for (let i = 0; i < 500; i++) {
      const p = urn();
      entries.push(post(patient(s, `n${i}`), p), post(observation(p, i % 28)));
    }
    return entries;
  }

  it('a transaction of 1,000 entries succeeds, every entry created and linked', async () => {
    const s = system();
    const [patientsBefore, observationsBefore] = [await count('Patient'), await count('Observation')];
    const started = performance.now();
    const res = await send('transaction', thousandEntries(s));
    const seconds = (performance.now() - started) / 1000;
    expect(res.status).toBe(200);
    expect(res.body.entry).toHaveLength(1000);
    expect(new Set(res.body.entry.map(statusCode))).toEqual(new Set(['201']));
    expect(await count('Patient')).toBe(patientsBefore + 500);
    expect(await count('Observation')).toBe(observationsBefore + 500);
    const last = (await fhir('GET', refOf(res.body.entry[999]))).body;
    expect(last.subject.reference).toBe(refOf(res.body.entry[998]));
    console.info(`1,000-entry transaction: ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)} resources/s)`);
  });

  it('an invalid resource at entry 500 of 1,000 leaves nothing behind, and the outcome names Bundle.entry[500]', async () => {
    const s = system();
    const kept = (await fhir('POST', 'Patient', patient(s, 'kept'))).body;
    const doomed = (await fhir('POST', 'Patient', patient(s, 'doomed'))).body;
    const entries = thousandEntries(s);
    entries[500] = { ...entries[500], resource: { ...patient(s, 'bad'), gender: 'robot' as 'female' } };
    // an update and a delete in the same transaction must be undone too (in place of two Observations)
    entries[1] = put({ ...kept, gender: 'male' });
    entries[3] = del(`Patient/${doomed.id}`);
    const before = { patients: await count('Patient'), observations: await count('Observation'), last: await lastWrites() };

    const res = await send('transaction', entries);
    expect(res.status).toBe(422);
    expect(res.body.resourceType).toBe('OperationOutcome');
    const paths = res.body.issue.flatMap((i: { expression?: string[] }) => i.expression ?? []);
    expect(paths).toContain('Bundle.entry[500].resource.gender');

    expect(await count('Patient')).toBe(before.patients);
    expect(await count('Observation')).toBe(before.observations);
    expect(await lastWrites()).toEqual(before.last);
    expect((await fhir('GET', `Patient/${kept.id}`)).body.meta.versionId).toBe('1');
    expect((await fhir('GET', `Patient/${doomed.id}`)).status).toBe(200);
  });

  it('a failure in a later step (a stale ifMatch on a PUT) undoes the creates already made', async () => {
    const existing = (await fhir('POST', 'Patient', patient())).body;
    await fhir('PUT', `Patient/${existing.id}`, { ...existing, gender: 'male' });
    const before = await count('Patient');
    const res = await send('transaction', [post(patient()), put({ ...existing, gender: 'other' }, 'W/"1"')]);
    expect(res.status).toBe(412);
    expect(res.body.issue[0].expression[0]).toMatch(/^Bundle\.entry\[1\]/);
    expect(await count('Patient')).toBe(before);
    expect((await fhir('GET', `Patient/${existing.id}`)).body.gender).toBe('male');
  });
});

describe('http.html#transaction: batch entries are independent', () => {
  it('reports each entry’s own status and applies the others when one fails', async () => {
    const s = system();
    const existing = (await fhir('POST', 'Patient', patient(s, 'batch'))).body;
    const res = await send('batch', [
      post(patient(s, 'ok')),
      post({ ...patient(s, 'bad'), birthDate: 'yesterday' }),
      get('Patient/not-there'),
      put({ ...existing, gender: 'other' }),
      put({ ...existing, gender: 'unknown' }, 'W/"1"'),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('batch-response');
    expect(res.body.entry.map(statusCode)).toEqual(['201', '422', '404', '200', '412']);
    const failed = res.body.entry[1].response.outcome;
    expect(failed.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(failed.issue)).toContain('birthDate');
    expect(res.body.entry[2].response.outcome.resourceType).toBe('OperationOutcome');
    expect((await fhir('GET', `Patient?identifier=${s}|ok&_summary=count`)).body.total).toBe(1);
    expect((await fhir('GET', `Patient?identifier=${s}|bad&_summary=count`)).body.total).toBe(0);
    expect((await fhir('GET', `Patient/${existing.id}`)).body.gender).toBe('other');
  });
});

describe('http.html#transaction: GET, PUT, DELETE and PATCH entries', () => {
  for (const type of ['transaction', 'batch'] as const) {
    it(`${type}: each interaction does what it does on its own URL`, async () => {
      const s = system();
      const a = (await fhir('POST', 'Patient', patient(s, 'a'))).body;
      const b = (await fhir('POST', 'Patient', patient(s, 'b'))).body;
      const c = (await fhir('POST', 'Patient', patient(s, 'c'))).body;
      const res = await send(type, [
        put({ ...a, gender: 'male' }),
        del(`Patient/${b.id}`),
        patch(`Patient/${c.id}`, [{ op: 'replace', path: '/gender', value: 'other' }]),
        get(`Patient?identifier=${s}|c`),
      ]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [updated, deleted, patched, searched] = res.body.entry;
      expect([updated, deleted, patched, searched].map(statusCode)).toEqual(['200', '200', '200', '200']);
      expect(updated.response.etag).toBe('W/"2"');
      expect(updated.resource.gender).toBe('male');
      expect(patched.response.etag).toBe('W/"2"');
      expect(patched.resource.gender).toBe('other');
      expect(searched.resource.resourceType).toBe('Bundle');
      expect(searched.resource.type).toBe('searchset');
      expect(searched.resource.entry.map((e: BundleEntry) => e.resource!.id)).toEqual([c.id]);

      expect((await fhir('GET', `Patient/${a.id}`)).body.gender).toBe('male');
      expect((await fhir('GET', `Patient/${b.id}`)).status).toBe(410);
      expect((await fhir('GET', `Patient/${c.id}`)).body.gender).toBe('other');
    });
  }

  it('a PATCH entry must carry its patch as a Binary', async () => {
    const a = (await fhir('POST', 'Patient', patient())).body;
    const res = await send('transaction', [
      { resource: patient(), request: { method: 'PATCH', url: `Patient/${a.id}` } },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['Bundle.entry[0].resource']);
  });
});

describe('http.html#trules: processing order DELETE, POST, PUT/PATCH, GET', () => {
  it('runs deletes before creates and reads after writes, answering in request order', async () => {
    const s = system();
    const a = (await fhir('POST', 'Patient', patient(s, 'a'))).body;
    const old = (await fhir('POST', 'Patient', patient(s, 'replaced'))).body;
    const res = await send('transaction', [
      get(`Patient/${a.id}`),
      put({ ...a, gender: 'male' }),
      // were the delete not run first, this would find the old Patient and create nothing
      post(patient(s, 'replaced'), urn(), `identifier=${s}|replaced`),
      del(`Patient/${old.id}`),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.entry.map(statusCode)).toEqual(['200', '200', '201', '200']);
    // the read ran after the update
    expect(res.body.entry[0].resource.gender).toBe('male');
    expect(res.body.entry[0].resource.meta.versionId).toBe('2');
    expect(refOf(res.body.entry[2])).not.toBe(`Patient/${old.id}`);
  });
});

describe('bundle.html#transaction-response: the response Bundle', () => {
  it('has one entry per request entry, in order, with status, location, etag and lastModified', async () => {
    const res = await send('transaction', [post(patient()), post({ resourceType: 'Practitioner', name: [{ family: 'Aziz' }] })]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    expect(res.body.resourceType).toBe('Bundle');
    expect(res.body.type).toBe('transaction-response');
    expect(res.body.entry).toHaveLength(2);
    res.body.entry.forEach((entry: BundleEntry, i: number) => {
      const type = ['Patient', 'Practitioner'][i];
      expect(entry.response!.status).toMatch(/^201( |$)/);
      expect(entry.response!.location).toMatch(new RegExp(`(^|/)${type}/[^/]+/_history/1$`));
      expect(entry.response!.etag).toBe('W/"1"');
      expect(entry.response!.lastModified).toBe(entry.resource!.meta!.lastUpdated);
      expect(entry.fullUrl).toBe(`${suite.server.fhirBase}/${refOf(entry)}`);
    });
  });
});

describe('http.html#transaction: bundles the server refuses', () => {
  it.each(['collection', 'document', 'searchset', 'message', 'history'])('a %s Bundle posted to the base is a 400', async (type) => {
    const res = await fhir('POST', '', { resourceType: 'Bundle', type, entry: [{ resource: patient() }] });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['Bundle.type']);
  });

  it('a Bundle.type that is not a string, even an object whose valueOf is not a function, is a 400 naming it', async () => {
    const res = await fhir('POST', '', { resourceType: 'Bundle', type: { valueOf: 'K', toString: 1 }, entry: [] });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['Bundle.type']);
  });

  it('a resource other than a Bundle posted to the base is a 400', async () => {
    const res = await fhir('POST', '', patient());
    expect(res.status).toBe(400);
  });

  it.each([
    ['an object for entry', {}, 'Bundle.entry'],
    ['a null entry', [null], 'Bundle.entry[0]'],
    ['a number for an entry', [{ request: { method: 'GET', url: 'Patient' } }, 5], 'Bundle.entry[1]'],
  ])('%s is a 400 naming it', async (_name, entry, expression) => {
    for (const type of ['batch', 'transaction']) {
      const res = await fhir('POST', '', { resourceType: 'Bundle', type, entry });
      expect(res.status).toBe(400);
      expect(res.body.issue[0].expression).toEqual([expression]);
    }
  });

  it('an entry without request.method is a 400 naming it', async () => {
    const res = await send('transaction', [post(patient()), { resource: patient() }]);
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['Bundle.entry[1].request.method']);
  });

  it.each([
    ['two PUTs', (id: string, p: Resource & { id: string }) => [put(p), put({ ...p, gender: 'male' } as typeof p)]],
    ['a PUT and a DELETE', (id: string, p: Resource & { id: string }) => [put(p), del(`Patient/${id}`)]],
    ['a PATCH and a PUT', (id: string, p: Resource & { id: string }) => [patch(`Patient/${id}`, []), put(p)]],
    ['one URL written two ways', (id: string, p: Resource & { id: string }) => [del(`Patient/${id}`), del(`${suite.server.fhirBase}/Patient/${id}`)]],
  ])('two entries changing the same resource (%s) is a 400, and nothing changes', async (_name, entries) => {
    const p = (await fhir('POST', 'Patient', patient())).body;
    const res = await send('transaction', entries(p.id, p));
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression[0]).toMatch(/^Bundle\.entry\[1\]/);
    expect((await fhir('GET', `Patient/${p.id}`)).body.meta.versionId).toBe('1');
  });
});
