import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirClient, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let fhir: ReturnType<typeof fhirClient>;

beforeAll(async () => {
  server = await startTestServer({ caller: 'data-migration' });
  fhir = fhirClient(server.fhirBase);
});
afterAll(() => server.close());

const patient = { resourceType: 'Patient', name: [{ family: 'Hassan', given: ['Layla'] }], gender: 'female' };

describe('create and read', () => {
  it('creates with a server id and version 1, with Location, ETag and Last-Modified', async () => {
    const res = await fhir('POST', 'Patient', { ...patient, id: 'client-chosen' });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.meta.versionId).toBe('1');
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(res.headers.get('location')).toBe(`${server.fhirBase}/Patient/${res.body.id}/_history/1`);
    expect(res.headers.get('last-modified')).toBe(new Date(res.body.meta.lastUpdated).toUTCString());
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
  });

  it('reads back what was stored, resourceType first', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const read = await fhir('GET', `Patient/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(Object.keys(read.body)[0]).toBe('resourceType');
  });

  it('accepts application/json as well as application/fhir+json', async () => {
    const res = await fhir('POST', 'Patient', patient, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(201);
  });

  it('honours Prefer: return=minimal and return=OperationOutcome', async () => {
    const minimal = await fhir('POST', 'Patient', patient, { Prefer: 'return=minimal' });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toBeUndefined();
    expect(minimal.headers.get('location')).toContain('/Patient/');
    const oo = await fhir('POST', 'Patient', patient, { Prefer: 'return=OperationOutcome' });
    expect(oo.body.resourceType).toBe('OperationOutcome');
    expect(oo.body.issue[0].severity).toBe('information');
  });

  it('answers 404 with an OperationOutcome for an unknown id, and for an unknown type', async () => {
    const missing = await fhir('GET', 'Patient/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
    const unknownType = await fhir('GET', 'Spaceship/1');
    expect(unknownType.status).toBe(404);
    expect(unknownType.body.issue[0].code).toBe('not-supported');
  });
});

describe('conditional create (If-None-Exist)', () => {
  const withId = (value: string) => ({ ...patient, identifier: [{ system: 'urn:hiwa:test', value }] });

  it('creates when nothing matches, returns the existing resource when one does', async () => {
    const first = await fhir('POST', 'Patient', withId('cc-1'), { 'If-None-Exist': 'identifier=urn:hiwa:test|cc-1' });
    expect(first.status).toBe(201);
    const second = await fhir('POST', 'Patient', withId('cc-1'), { 'If-None-Exist': 'identifier=urn:hiwa:test|cc-1' });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
  });

  it('refuses with 412 when the criteria match more than one', async () => {
    await fhir('POST', 'Patient', withId('cc-dup'));
    await fhir('POST', 'Patient', withId('cc-dup'));
    const res = await fhir('POST', 'Patient', withId('cc-dup'), { 'If-None-Exist': 'identifier=urn:hiwa:test|cc-dup' });
    expect(res.status).toBe(412);
  });
});

describe('update', () => {
  it('makes a new version and keeps the old one readable (vread)', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const id = created.body.id;
    const updated = await fhir('PUT', `Patient/${id}`, { ...created.body, gender: 'other' });
    expect(updated.status).toBe(200);
    expect(updated.body.meta.versionId).toBe('2');
    const v1 = await fhir('GET', `Patient/${id}/_history/1`);
    expect(v1.body.gender).toBe('female');
    const v2 = await fhir('GET', `Patient/${id}/_history/2`);
    expect(v2.body.gender).toBe('other');
  });

  it('creates with the client id when the resource does not exist (update as create)', async () => {
    const res = await fhir('PUT', 'Patient/chosen-by-client', { ...patient, id: 'chosen-by-client' });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe('chosen-by-client');
  });

  it('refuses a stale If-Match with 412 and applies a current one', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const id = created.body.id;
    const ok = await fhir('PUT', `Patient/${id}`, { ...created.body, gender: 'male' }, { 'If-Match': 'W/"1"' });
    expect(ok.status).toBe(200);
    const stale = await fhir('PUT', `Patient/${id}`, { ...created.body, gender: 'unknown' }, { 'If-Match': 'W/"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.resourceType).toBe('OperationOutcome');
  });

  it('lets exactly one of two concurrent updates with the same If-Match win', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const id = created.body.id;
    const attempts = await Promise.all(
      ['male', 'other', 'unknown', 'female'].map((gender) =>
        fhir('PUT', `Patient/${id}`, { ...created.body, gender }, { 'If-Match': 'W/"1"' }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 412, 412, 412]);
    const current = await fhir('GET', `Patient/${id}`);
    expect(current.body.meta.versionId).toBe('2');
  });

  it('refuses an id that differs from the URL, and a body of another type', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const mismatch = await fhir('PUT', `Patient/${created.body.id}`, { ...created.body, id: 'other' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.issue[0].expression).toEqual(['Patient.id']);
    const wrongType = await fhir('PUT', `Patient/${created.body.id}`, { resourceType: 'Observation', id: created.body.id });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.issue[0].expression).toEqual(['resourceType']);
  });
});

describe('patch (JSON Patch)', () => {
  it('applies operations and makes a new version', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const res = await fhir(
      'PATCH',
      `Patient/${created.body.id}`,
      [{ op: 'replace', path: '/gender', value: 'male' }],
      { 'Content-Type': 'application/json-patch+json' },
    );
    expect(res.status).toBe(200);
    expect(res.body.gender).toBe('male');
    expect(res.body.meta.versionId).toBe('2');
  });

  it('refuses a patch that cannot apply, and one that breaks the resource', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const bad = await fhir('PATCH', `Patient/${created.body.id}`, [{ op: 'remove', path: '/nothing/here' }], {
      'Content-Type': 'application/json-patch+json',
    });
    expect(bad.status).toBe(400);
    const invalid = await fhir('PATCH', `Patient/${created.body.id}`, [{ op: 'replace', path: '/gender', value: 'robot' }], {
      'Content-Type': 'application/json-patch+json',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.issue[0].expression[0]).toContain('gender');
  });
});

describe('delete', () => {
  it('soft-deletes: read answers 410, history keeps every version', async () => {
    const created = await fhir('POST', 'Patient', patient);
    const id = created.body.id;
    expect((await fhir('DELETE', `Patient/${id}`)).status).toBe(200);
    expect((await fhir('GET', `Patient/${id}`)).status).toBe(410);
    const history = await fhir('GET', `Patient/${id}/_history`);
    expect(history.body.entry.map((e: { request: { method: string } }) => e.request.method)).toEqual(['DELETE', 'POST']);
    expect((await fhir('GET', `Patient/${id}/_history/1`)).status).toBe(200);
    expect((await fhir('DELETE', `Patient/${id}`)).status).toBe(200);
  });

  it('answers 404 for a resource that never existed', async () => {
    expect((await fhir('DELETE', 'Patient/never-was')).status).toBe(404);
  });
});

describe('bad input', () => {
  it('malformed JSON is a 400 OperationOutcome, not a crash', async () => {
    const res = await fhir('POST', 'Patient', '{"resourceType": "Patient", ');
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('a body of another type than the URL is a 400 naming resourceType', async () => {
    const res = await fhir('POST', 'Patient', { resourceType: 'Observation' });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['resourceType']);
  });

  it('an invalid resource is a 422 naming the element', async () => {
    const res = await fhir('POST', 'Patient', { resourceType: 'Patient', gender: 'robot', birthDate: 'yesterday' });
    expect(res.status).toBe(422);
    const paths = res.body.issue.flatMap((i: { expression?: string[] }) => i.expression ?? []);
    expect(paths).toEqual(expect.arrayContaining(['Patient.gender', 'Patient.birthDate']));
  });

  it('an unknown element is a 422 naming it', async () => {
    const res = await fhir('POST', 'Patient', { resourceType: 'Patient', favouriteColour: 'blue' });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.issue)).toContain('favouriteColour');
  });

  it('a wrong content type is a 415', async () => {
    const res = await fhir('POST', 'Patient', '<Patient/>', { 'Content-Type': 'application/xml' });
    expect(res.status).toBe(415);
  });

  it('an oversized body is a 413', async () => {
    const huge = { ...patient, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${'x'.repeat(40 * 1024 * 1024)}</div>` } };
    const res = await fhir('POST', 'Patient', huge);
    expect(res.status).toBe(413);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('never answers with a stack trace', async () => {
    const res = await fhir('POST', 'Patient', '[1,2,3]');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('operations and metadata', () => {
  it('routes $validate and %24validate alike, storing nothing', async () => {
    const good = await fhir('POST', 'Patient/$validate', patient);
    expect(good.status).toBe(200);
    expect(good.body.issue[0].severity).toBe('information');
    const bad = await fhir('POST', 'Patient/%24validate', { resourceType: 'Patient', gender: 'robot' });
    expect(bad.status).toBe(200);
    expect(bad.body.issue[0].severity).toBe('error');
    expect(bad.body.issue[0].expression).toEqual(['Patient.gender']);
  });

  it('publishes a CapabilityStatement listing the interactions and search parameters', async () => {
    const res = await fhir('GET', 'metadata');
    expect(res.status).toBe(200);
    expect(res.body.resourceType).toBe('CapabilityStatement');
    expect(res.body.fhirVersion).toBe('4.0.1');
    const patientEntry = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patientEntry.interaction.map((i: { code: string }) => i.code)).toContain('patch');
    expect(patientEntry.searchParam.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['name', 'birthdate', '_id']));
  });

  it('says only what is true: no R4B type, no writes of the audit trail, includes that work, no empty arrays, cors off without CORS_ORIGINS', async () => {
    const res = await fhir('GET', 'metadata');
    const rest = res.body.rest[0];
    const types = rest.resource.map((r: { type: string }) => r.type);
    expect(types).not.toContain('SubscriptionStatus');
    expect(types).toHaveLength(146);
    const audit = rest.resource.find((r: { type: string }) => r.type === 'AuditEvent');
    expect(audit.interaction.map((i: { code: string }) => i.code)).toEqual(['read', 'vread', 'history-instance', 'history-type', 'search-type']);
    expect(audit.updateCreate).toBe(false);
    const observation = rest.resource.find((r: { type: string }) => r.type === 'Observation');
    expect(observation.searchInclude).toEqual(expect.arrayContaining(['Observation:subject', 'Observation:patient', 'Observation:*']));
    expect(observation.searchInclude).not.toContain('*');
    const patientEntry = rest.resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patientEntry.searchRevInclude).toEqual(expect.arrayContaining(['Observation:subject', 'EpisodeOfCare:patient']));
    // every advertised include is accepted by a search
    const include = await fhir('GET', `Observation?_include=${observation.searchInclude.join('&_include=')}&_revinclude=Provenance:target`);
    expect(include.status).toBe(200);
    expect(rest.security.cors).toBe(false);
    const emptyArrays: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) {
        if (value.length === 0) emptyArrays.push(path);
        value.forEach((v, i) => walk(v, `${path}[${i}]`));
      } else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, `${path}.${k}`));
    };
    walk(res.body, 'CapabilityStatement');
    expect(emptyArrays).toEqual([]);
    expect((await fhir('GET', 'SubscriptionStatus')).status).toBe(404);
  });

  it('healthz answers 200 when the database answers', async () => {
    const res = await fetch(`${server.origin}/healthz`);
    expect(res.status).toBe(200);
  });
});
