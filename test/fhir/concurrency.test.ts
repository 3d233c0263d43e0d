import { randomUUID } from 'node:crypto';
import type { BundleEntry, Patient } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirClient, type FhirResult } from '../support/server.js';
import { useTestServer } from '../support/suite.js';

/**
 * Concurrent writes to one resource or one condition (http.html#concurrency, #ccreate, #update, #patch):
 * twenty requests are sent at once and every answer is counted. On PostgreSQL they really overlap (the app
 * has eight connections, and before the writes were serialised these counts came out wrong there: duplicate
 * Patients for one condition, 500s, 412s for a precondition never sent); the embedded database runs one
 * transaction at a time, so there they state the same guarantees.
 * Writers are the suite's supervisor (registering beneficiaries, as a caseworker retrying would) and, for the
 * version races, the data-migration client; counts are taken by the data-migration client, which sees all.
 */

const suite = useTestServer();
const { fhir } = suite;
let migration: ReturnType<typeof fhirClient>;

beforeAll(async () => {
  const token = await suite.server.dataMigrationToken();
  migration = fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${token}` });
});

const RACERS = 20;
const jsonPatch = { 'Content-Type': 'application/json-patch+json' };

const patient = (system: string, value: string): Patient => ({
  resourceType: 'Patient',
  identifier: [{ system, value }],
  name: [{ family: 'Karim', given: ['Sara'] }],
  gender: 'female',
});

/** Runs `send` RACERS times at once. */
function race<T>(send: (i: number) => Promise<FhirResult<T>>): Promise<FhirResult<T>[]> {
  return Promise.all(Array.from({ length: RACERS }, (_, i) => send(i)));
}

/** How many answers had each status, e.g. { 200: 19, 201: 1 }. */
function statusCounts(results: { status: number | string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[String(r.status)] = (counts[String(r.status)] ?? 0) + 1;
  return counts;
}

async function patientsWith(system: string, value: string): Promise<string[]> {
  const res = await migration('GET', `Patient?identifier=${encodeURIComponent(`${system}|${value}`)}&_count=100`);
  expect(res.status).toBe(200);
  return (res.body.entry ?? []).map((e: BundleEntry) => e.resource?.id);
}

/** The version numbers in a resource's history, oldest first. */
async function versionsOf(path: string): Promise<number[]> {
  const res = await migration('GET', `${path}/_history?_count=100`);
  expect(res.status).toBe(200);
  return (res.body.entry as BundleEntry[]).map((e) => Number(e.resource?.meta?.versionId)).sort((a, b) => a - b);
}

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('http.html#ccreate: concurrent conditional creates make exactly one resource', () => {
  it('20 POSTs with one If-None-Exist: one 201, nineteen 200, all naming the one Patient', async () => {
    const system = `urn:hiwa:race:${randomUUID()}`;
    const results = await race(() =>
      fhir('POST', 'Patient', patient(system, 'reg-1'), { 'If-None-Exist': `identifier=${system}|reg-1` }),
    );
    expect(statusCounts(results)).toEqual({ 200: RACERS - 1, 201: 1 });
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await patientsWith(system, 'reg-1')).toEqual([...ids]);
  });

  it('the same criteria written in another order are the same condition', async () => {
    const system = `urn:hiwa:race:${randomUUID()}`;
    const criteria = [`identifier=${system}|reg-2&gender=female`, `gender=female&identifier=${system}|reg-2`];
    const results = await race((i) =>
      fhir('POST', 'Patient', patient(system, 'reg-2'), { 'If-None-Exist': criteria[i % 2] }),
    );
    expect(statusCounts(results)).toEqual({ 200: RACERS - 1, 201: 1 });
    expect(await patientsWith(system, 'reg-2')).toHaveLength(1);
  });

  it('20 transactions with the same two conditional creates, listed in either order: one of each, no deadlock', async () => {
    const system = `urn:hiwa:race:${randomUUID()}`;
    const entry = (value: string): BundleEntry => ({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: patient(system, value),
      request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${system}|${value}` },
    });
    const results = await race((i) =>
      fhir('POST', '', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: i % 2 === 0 ? [entry('first'), entry('second')] : [entry('second'), entry('first')],
      }),
    );
    expect(statusCounts(results)).toEqual({ 200: RACERS });
    for (const value of ['first', 'second']) {
      const ids = await patientsWith(system, value);
      expect(ids).toHaveLength(1);
      // even transactions list 'first' first, odd ones 'second' first
      const entries = results.map((r, i) => (r.body.entry as BundleEntry[])[(i % 2 === 0) === (value === 'first') ? 0 : 1]);
      expect(statusCounts(entries.map((e) => ({ status: e.response?.status ?? '' })))).toEqual({
        '200 OK': RACERS - 1,
        '201 Created': 1,
      });
      expect(new Set(entries.map((e) => e.response?.location?.split('/_history')[0]))).toEqual(new Set([`Patient/${ids[0]}`]));
    }
  });
});

describe('http.html#update: concurrent update-as-create of one new id', () => {
  it('20 PUTs of one new id: one 201, nineteen 200, no 5xx, versions 1..20 in history', async () => {
    const id = randomUUID();
    const system = `urn:hiwa:race:${randomUUID()}`;
    const results = await race((i) => migration('PUT', `Patient/${id}`, { ...patient(system, `put-${i}`), id }));
    expect(statusCounts(results)).toEqual({ 200: RACERS - 1, 201: 1 });
    expect(await versionsOf(`Patient/${id}`)).toEqual(oneTo(RACERS));
  });

  it('20 PUTs of one new id with If-Match: each 412, nothing created', async () => {
    const id = randomUUID();
    const system = `urn:hiwa:race:${randomUUID()}`;
    const results = await race(() => migration('PUT', `Patient/${id}`, { ...patient(system, 'x'), id }, { 'If-Match': 'W/"1"' }));
    expect(statusCounts(results)).toEqual({ 412: RACERS });
    expect((await migration('GET', `Patient/${id}`)).status).toBe(404);
  });
});

describe('http.html#concurrency: version races', () => {
  async function createdPatient(): Promise<{ id: string; system: string }> {
    const system = `urn:hiwa:race:${randomUUID()}`;
    const created = await migration('POST', 'Patient', patient(system, 'v1'));
    expect(created.status).toBe(201);
    return { id: created.body.id, system };
  }

  it('20 PUTs with If-Match W/"1": exactly one 200, nineteen 412', async () => {
    const { id, system } = await createdPatient();
    const results = await race((i) =>
      migration('PUT', `Patient/${id}`, { ...patient(system, `v2-${i}`), id }, { 'If-Match': 'W/"1"' }),
    );
    expect(statusCounts(results)).toEqual({ 200: 1, 412: RACERS - 1 });
    expect(await versionsOf(`Patient/${id}`)).toEqual([1, 2]);
  });

  it('20 PATCHes without If-Match: all 200, each applied to the version before it (version 21, no change lost)', async () => {
    const { id, system } = await createdPatient();
    const results = await race((i) =>
      migration('PATCH', `Patient/${id}`, [{ op: 'add', path: '/identifier/-', value: { system, value: `p-${i}` } }], jsonPatch),
    );
    expect(statusCounts(results)).toEqual({ 200: RACERS });
    const final = await migration('GET', `Patient/${id}`);
    expect(final.body.meta.versionId).toBe(String(RACERS + 1));
    const values = (final.body.identifier as { value: string }[]).map((i) => i.value).sort();
    expect(values).toEqual(['v1', ...oneTo(RACERS).map((n) => `p-${n - 1}`)].sort());
    expect(await versionsOf(`Patient/${id}`)).toEqual(oneTo(RACERS + 1));
  });

  it('20 PATCHes with If-Match W/"1": exactly one 200, nineteen 412', async () => {
    const { id } = await createdPatient();
    const replaceGender = [{ op: 'replace', path: '/gender', value: 'other' }];
    const results = await race(() => migration('PATCH', `Patient/${id}`, replaceGender, { ...jsonPatch, 'If-Match': 'W/"1"' }));
    expect(statusCounts(results)).toEqual({ 200: 1, 412: RACERS - 1 });
    expect(await versionsOf(`Patient/${id}`)).toEqual([1, 2]);
  });
});

describe('http.html#transaction: transactions changing the same resources in opposite orders', () => {
  it('20 transactions, half updating A then B and half B then A: all 200, no deadlock, every change kept', async () => {
    const system = `urn:hiwa:race:${randomUUID()}`;
    const [a, b] = await Promise.all(['a', 'b'].map(async (v) => (await migration('POST', 'Patient', patient(system, v))).body.id as string));
    const update = (id: string, i: number): BundleEntry => ({
      request: { method: 'PATCH', url: `Patient/${id}` },
      resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(JSON.stringify([{ op: 'add', path: '/identifier/-', value: { system, value: `t-${i}` } }])).toString('base64') },
    });
    const results = await race((i) => {
      const order = i % 2 === 0 ? [a, b] : [b, a];
      return migration('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: order.map((id) => update(id, i)) });
    });
    expect(statusCounts(results)).toEqual({ 200: RACERS });
    expect(await versionsOf(`Patient/${a}`)).toEqual(oneTo(RACERS + 1));
    expect(await versionsOf(`Patient/${b}`)).toEqual(oneTo(RACERS + 1));
  });
});
