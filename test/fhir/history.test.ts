import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';

/**
 * History (http.html#history): instance, type and system level; newest first; every version with how it
 * came about (Bundle.entry.request) and what the server answered (Bundle.entry.response); paging; _since, _at.
 * Tests in this file run in order on one database of their own, so system history is what they wrote, and
 * the AuditEvents the server records about it (left out where a test states what it wrote).
 */

const suite = useTestServer({ caller: 'data-migration' });
const { fhir } = suite;

const patient = (given: string, gender = 'female') => ({
  resourceType: 'Patient',
  identifier: [{ system: 'urn:hiwa:history-test', value: randomUUID() }],
  name: [{ family: 'Salih', given: [given] }],
  gender,
});

async function historyOf(path: string): Promise<Bundle> {
  const res = await fhir('GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.resourceType).toBe('Bundle');
  expect(res.body.type).toBe('history');
  return res.body;
}

/** `Patient/1 v3`: which version of which resource an entry is. */
const version = (e: BundleEntry) => `${e.fullUrl!.replace(`${suite.server.fhirBase}/`, '')} v${/W\/"(\d+)"/.exec(e.response!.etag!)![1]}`;

/** The entries of a history Bundle that clients wrote: without the server's own AuditEvents. */
const written = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => !e.fullUrl!.includes('/AuditEvent/'));

/** Follows `next` links from `path`, between pages running `between` (other clients writing). */
async function allPages(path: string, between: () => Promise<unknown> = async () => undefined): Promise<Bundle[]> {
  const pages: Bundle[] = [];
  let url: string | undefined = path;
  while (url) {
    const page = await historyOf(url);
    pages.push(page);
    url = page.link?.find((l) => l.relation === 'next')?.url?.replace(`${suite.server.fhirBase}/`, '');
    if (url) await between();
  }
  return pages;
}

/** A resource with versions 1 (create), 2 and 3 (updates), written at three distinct instants. */
async function threeVersions(): Promise<{ id: string; times: string[] }> {
  const v1 = (await fhir('POST', 'Patient', patient('Zhino'))).body;
  const v2 = (await fhir('PUT', `Patient/${v1.id}`, { ...v1, gender: 'other' })).body;
  const v3 = (await fhir('PUT', `Patient/${v1.id}`, { ...v2, gender: 'unknown' })).body;
  const times = [v1, v2, v3].map((r: Resource) => r.meta!.lastUpdated!);
  expect(new Set(times).size).toBe(3);
  return { id: v1.id, times };
}

describe('http.html#history: instance history', () => {
  it('lists every version newest first, each with its request method and response status', async () => {
    const created = (await fhir('POST', 'Patient', patient('Roj'))).body;
    const id = created.id;
    await fhir('PUT', `Patient/${id}`, { ...created, gender: 'male' });
    await fhir('PATCH', `Patient/${id}`, [{ op: 'replace', path: '/gender', value: 'other' }], {
      'Content-Type': 'application/json-patch+json',
    });
    await fhir('DELETE', `Patient/${id}`);

    const bundle = await historyOf(`Patient/${id}/_history`);
    const entries = bundle.entry!;
    expect(entries.map((e) => [e.request?.method, e.request?.url, e.response?.status, e.response?.etag])).toEqual([
      ['DELETE', `Patient/${id}`, expect.stringMatching(/^20[04]/), 'W/"4"'],
      ['PUT', `Patient/${id}`, expect.stringMatching(/^200/), 'W/"3"'],
      ['PUT', `Patient/${id}`, expect.stringMatching(/^200/), 'W/"2"'],
      ['POST', 'Patient', expect.stringMatching(/^201/), 'W/"1"'],
    ]);
    for (const e of entries) {
      expect(e.fullUrl).toBe(`${suite.server.fhirBase}/Patient/${id}`);
      expect(e.response?.lastModified).toBeTruthy();
    }
    // bundle.html#bundle-unique: a deletion has no resource; every other version is the resource as it was
    expect(entries[0].resource).toBeUndefined();
    expect(entries.slice(1).map((e) => (e.resource as { gender: string }).gender)).toEqual(['other', 'male', 'female']);
    expect(entries.slice(1).map((e) => e.resource!.meta!.lastUpdated)).toEqual(entries.slice(1).map((e) => e.response!.lastModified));
  });

  it('a version made by update-as-create (PUT with a new id) is a PUT answered 201', async () => {
    const id = `hist-${randomUUID()}`;
    const put = await fhir('PUT', `Patient/${id}`, { ...patient('Kani'), id });
    expect(put.status).toBe(201);
    const [entry] = (await historyOf(`Patient/${id}/_history`)).entry!;
    expect([entry.request?.method, entry.request?.url, entry.response?.status.slice(0, 3)]).toEqual(['PUT', `Patient/${id}`, '201']);
  });

  it('a resource brought back by PUT after its deletion has a new version answered 201', async () => {
    const created = (await fhir('POST', 'Patient', patient('Havin'))).body;
    await fhir('DELETE', `Patient/${created.id}`);
    const back = await fhir('PUT', `Patient/${created.id}`, { ...created, gender: 'male' });
    expect(back.status).toBe(201);
    const [entry] = (await historyOf(`Patient/${created.id}/_history`)).entry!;
    expect([entry.request?.method, entry.response?.status.slice(0, 3), entry.response?.etag]).toEqual(['PUT', '201', 'W/"3"']);
  });

  it('the history of a deleted resource can still be read, and so can its old versions (vread)', async () => {
    const created = (await fhir('POST', 'Patient', patient('Shler'))).body;
    await fhir('DELETE', `Patient/${created.id}`);
    expect((await fhir('GET', `Patient/${created.id}`)).status).toBe(410);
    const bundle = await historyOf(`Patient/${created.id}/_history`);
    expect(bundle.entry!.map((e) => e.request!.method)).toEqual(['DELETE', 'POST']);
    const v1 = await fhir('GET', `Patient/${created.id}/_history/1`);
    expect(v1.status).toBe(200);
    expect(v1.body.name[0].given).toEqual(['Shler']);
  });

  it('the history of an id that never existed is a 404 OperationOutcome', async () => {
    const res = await fhir('GET', `Patient/never-${randomUUID()}/_history`);
    expect(res.status).toBe(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});

describe('http.html#history: _count and paging', () => {
  it('pages through every version with next links, each exactly once, the last page without next', async () => {
    const created = (await fhir('POST', 'Patient', patient('Ava'))).body;
    for (let i = 0; i < 11; i++) await fhir('PUT', `Patient/${created.id}`, { ...created, gender: i % 2 ? 'male' : 'other' });
    const pages = await allPages(`Patient/${created.id}/_history?_count=5`);
    expect(pages.map((p) => p.entry?.length)).toEqual([5, 5, 2]);
    expect(pages[2].link?.some((l) => l.relation === 'next')).toBe(false);
    expect(pages.every((p) => p.link?.some((l) => l.relation === 'self'))).toBe(true);
    const versions = pages.flatMap((p) => p.entry!.map((e) => e.response!.etag));
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => `W/"${12 - i}"`));
  });

  it('pages hold still while other clients write: no version twice, none of the original ones missed', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push((await fhir('POST', 'Flag', flag(`f${i}`))).body.id);
    const before = (await historyOf('Flag/_history?_count=100')).entry!.map(version);
    expect(before).toHaveLength(9);

    let round = 0;
    const pages = await allPages('Flag/_history?_count=4', async () => {
      // new resources, and new versions of ones already listed and of ones still to come
      round++;
      await fhir('POST', 'Flag', flag(`new${round}`));
      for (const id of [ids[8], ids[0]]) {
        const current = (await fhir('GET', `Flag/${id}`)).body;
        await fhir('PUT', `Flag/${id}`, { ...current, status: current.status === 'active' ? 'inactive' : 'active' });
      }
    });
    const seen = pages.flatMap((p) => p.entry!.map(version));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(before);
    // and a fresh first page shows the newer versions
    const fresh = (await historyOf('Flag/_history?_count=1')).entry!.map(version);
    expect(fresh).not.toEqual([before[0]]);
  });

  it('a _count that is not a whole number is a 400', async () => {
    expect((await fhir('GET', 'Patient/_history?_count=many')).status).toBe(400);
  });
});

describe('http.html#history: _since and _at', () => {
  it('_since keeps the versions made at or after the instant', async () => {
    const { id, times } = await threeVersions();
    const bundle = await historyOf(`Patient/${id}/_history?_since=${encodeURIComponent(times[1])}`);
    expect(bundle.entry!.map((e) => e.response!.etag)).toEqual(['W/"3"', 'W/"2"']);
    const later = await historyOf(`Patient/${id}/_history?_since=${encodeURIComponent(addMs(times[2], 1))}`);
    expect(later.entry ?? []).toEqual([]);
  });

  it('_since also applies to type and system history', async () => {
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const p = (await fhir('POST', 'Patient', patient('Nishtiman'))).body;
    const o = (await fhir('POST', 'Organization', { resourceType: 'Organization', name: 'Camp clinic' })).body;
    const type = await historyOf(`Patient/_history?_since=${encodeURIComponent(since)}`);
    expect(type.entry!.map(version)).toEqual([`Patient/${p.id} v1`]);
    const system = await historyOf(`_history?_since=${encodeURIComponent(since)}`);
    expect(written(system).map(version)).toEqual([`Organization/${o.id} v1`, `Patient/${p.id} v1`]);
  });

  it('_at keeps only the versions that were current at some point during the time given', async () => {
    const { id, times } = await threeVersions();
    const at = (t: string) => historyOf(`Patient/${id}/_history?_at=${encodeURIComponent(t)}`);
    // between version 1 and version 2 only version 1 was current
    const between = new Date((Date.parse(times[0]) + Date.parse(times[1])) / 2).toISOString();
    expect((await at(between)).entry!.map((e) => e.response!.etag)).toEqual(['W/"1"']);
    // at the instant version 2 was written, version 2 was current (version 1 had just ended)
    expect((await at(times[1])).entry!.map((e) => e.response!.etag)).toEqual(['W/"2"']);
    // after the last write, the last version is current
    expect((await at(addMs(times[2], 5))).entry!.map((e) => e.response!.etag)).toEqual(['W/"3"']);
    // a whole day covers every version current at some point in it
    expect((await at(times[0].slice(0, 10))).entry!.map((e) => e.response!.etag)).toEqual(['W/"3"', 'W/"2"', 'W/"1"']);
    // before the resource existed nothing was current
    expect((await at('2001-01-01')).entry ?? []).toEqual([]);
  });

  it.each(['_since=yesterday', '_since=2024-13-01', '_at=soon'])('a bad date (%s) is a 400 naming the parameter', async (query) => {
    const res = await fhir('GET', `Patient/_history?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual([query.split('=')[0]]);
  });

  it('an unknown parameter is a 400, unless the client asks for lenient handling', async () => {
    expect((await fhir('GET', 'Patient/_history?colour=blue')).status).toBe(400);
    expect((await fhir('GET', 'Patient/_history?colour=blue', undefined, { Prefer: 'handling=lenient' })).status).toBe(200);
  });
});

describe('http.html#history: type and system history', () => {
  it('type history holds only that type, newest first; system history holds every type, newest first', async () => {
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const p = (await fhir('POST', 'Patient', patient('Bahar'))).body;
    const pr = (await fhir('POST', 'Practitioner', { resourceType: 'Practitioner', name: [{ family: 'Ahmed' }] })).body;
    await fhir('PUT', `Patient/${p.id}`, { ...p, gender: 'male' });
    await fhir('DELETE', `Practitioner/${pr.id}`);

    const type = await historyOf('Patient/_history?_count=2');
    expect(type.entry!.map(version)).toEqual([`Patient/${p.id} v2`, `Patient/${p.id} v1`]);
    expect(type.entry!.map((e) => e.request!.method)).toEqual(['PUT', 'POST']);

    const system = written(await historyOf(`_history?_since=${encodeURIComponent(since)}`));
    expect(system.map(version)).toEqual([
      `Practitioner/${pr.id} v2`,
      `Patient/${p.id} v2`,
      `Practitioner/${pr.id} v1`,
      `Patient/${p.id} v1`,
    ]);
    expect(system.map((e) => e.request!.method)).toEqual(['DELETE', 'PUT', 'POST', 'POST']);

    const whole = (await allPages('_history?_count=50')).flatMap((page) => page.entry!);
    const times = whole.map((e) => Date.parse(e.response!.lastModified!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(whole.map(version)).size).toBe(whole.length);
  });

  it('history is read with GET only', async () => {
    expect((await fhir('POST', 'Patient/_history', {})).status).toBe(405);
  });
});

function flag(text: string) {
  return {
    resourceType: 'Flag',
    status: 'active',
    code: { text },
    subject: { reference: 'Patient/someone' },
  };
}

function addMs(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}
