import { randomUUID } from 'node:crypto';
import type { Bundle, Observation, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { Client, type FhirResource } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * A third-party client, fhir-kit-client, speaking FHIR R4 REST to the running server: what works here works
 * for the other systems (Directorate of Health, partner tools) that use an off-the-shelf client.
 */

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer({ caller: 'data-migration' });
  client = new Client({ baseUrl: server.fhirBase, bearerToken: server.token });
});
afterAll(() => server.close());

/** Identifiers unique to one test, so its searches see only its own data. */
const testSystem = () => `urn:hiwa:fkc:${randomUUID()}`;

const patient = (system: string, value: string): Patient => ({
  resourceType: 'Patient',
  identifier: [{ system, value }],
  name: [{ family: 'Barzani', given: [value] }],
  gender: 'female',
});

/** fhir-kit-client rejects a non-2xx answer with an error carrying `response.status` and `.data`. */
async function failure(call: Promise<unknown>): Promise<{ status: number; data: OperationOutcome }> {
  try {
    await call;
  } catch (err) {
    const response = (err as { response?: { status: number; data: OperationOutcome } }).response;
    if (response) return response;
    throw err;
  }
  throw new Error('expected the request to fail');
}

// fhir-kit-client types every resource as a loose record; each test states the shape it reads.
const as = <T>(resource: FhirResource): T => resource as unknown as T;
/** A searchset as fhir-kit-client's nextPage / prevPage take it. */
type Page = Parameters<Client['nextPage']>[0]['bundle'];

describe('fhir-kit-client against Hiwa', () => {
  it('http.html#create and http.html#read: creates a Patient and reads it back', async () => {
    const created = as<Patient>(await client.create({ resourceType: 'Patient', body: { ...patient(testSystem(), 'Ava') } }));
    expect(created.id).toBeTruthy();
    expect(created.meta?.versionId).toBe('1');
    const read = as<Patient>(await client.read({ resourceType: 'Patient', id: created.id! }));
    expect(read).toEqual(created);
    const v1 = as<Patient>(await client.vread({ resourceType: 'Patient', id: created.id!, version: '1' }));
    expect(v1).toEqual(created);
  });

  it('http.html#read: an unknown id is a 404 with an OperationOutcome', async () => {
    const res = await failure(client.read({ resourceType: 'Patient', id: 'no-such-patient' }));
    expect(res.status).toBe(404);
    expect(res.data.resourceType).toBe('OperationOutcome');
  });

  it('search.html#paging: pages through every match with nextPage, each once, then stops', async () => {
    const system = testSystem();
    const created = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const p = as<Patient>(await client.create({ resourceType: 'Patient', body: { ...patient(system, `P${i}`) } }));
      created.add(p.id!);
    }
    const seen: string[] = [];
    let pages = 0;
    let page: Page | undefined = as<Page>(
      await client.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|`, _count: 3 } }),
    );
    while (page) {
      pages++;
      const bundle = as<Bundle>(page);
      expect(bundle.type).toBe('searchset');
      seen.push(...(bundle.entry ?? []).map((e) => e.resource!.id!));
      const next = client.nextPage({ bundle: page });
      page = next ? as<Page>(await next) : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(created);
  });

  it('search.html#paging: prevPage goes back to the page before', async () => {
    const system = testSystem();
    for (let i = 0; i < 4; i++) await client.create({ resourceType: 'Patient', body: { ...patient(system, `Q${i}`) } });
    const first = as<Page>(await client.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|`, _count: 2 } }));
    const second = as<Page>(await client.nextPage({ bundle: first })!);
    const back = as<Page>(await client.prevPage({ bundle: second })!);
    const ids = (page: Page) => as<Bundle>(page).entry?.map((e) => e.resource!.id);
    expect(ids(second)).not.toEqual(ids(first));
    expect(ids(back)).toEqual(ids(first));
  });

  it('http.html#concurrency: an update with a stale If-Match is refused with 412; a current one applies', async () => {
    const created = as<Patient>(await client.create({ resourceType: 'Patient', body: { ...patient(testSystem(), 'Dilan') } }));
    const id = created.id!;
    const updated = as<Patient>(
      await client.update({
        resourceType: 'Patient',
        id,
        body: { ...created, gender: 'other' },
        options: { headers: { 'If-Match': 'W/"1"' } },
      }),
    );
    expect(updated.meta?.versionId).toBe('2');
    const stale = await failure(
      client.update({
        resourceType: 'Patient',
        id,
        body: { ...created, gender: 'unknown' },
        options: { headers: { 'If-Match': 'W/"1"' } },
      }),
    );
    expect(stale.status).toBe(412);
    expect(stale.data.resourceType).toBe('OperationOutcome');
    expect(as<Patient>(await client.read({ resourceType: 'Patient', id })).gender).toBe('other');
  });

  it('http.html#transaction: a transaction creates resources that reference each other through urn:uuid', async () => {
    const system = testSystem();
    const patientUrl = `urn:uuid:${randomUUID()}`;
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: patientUrl,
          resource: patient(system, 'Rezan'),
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
            subject: { reference: patientUrl },
            valueInteger: 9,
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const response = as<Bundle>(await client.transaction({ body: bundle as unknown as FhirResource }));
    expect(response.type).toBe('transaction-response');
    expect(response.entry?.map((e) => e.response?.status.split(' ')[0])).toEqual(['201', '201']);
    const [patientLocation, observationLocation] = response.entry!.map((e) => e.response!.location!);
    const patientId = patientLocation.split('/')[1];
    const observation = as<Observation>(
      await client.read({ resourceType: 'Observation', id: observationLocation.split('/')[1] }),
    );
    expect(observation.subject?.reference).toBe(`Patient/${patientId}`);
  });

  it('http.html#history: instance and type history list every version, newest first', async () => {
    const created = as<Patient>(await client.create({ resourceType: 'Patient', body: { ...patient(testSystem(), 'Hozan') } }));
    const id = created.id!;
    await client.update({ resourceType: 'Patient', id, body: { ...created, gender: 'male' } });
    await client.delete({ resourceType: 'Patient', id });

    const history = as<Bundle>(await client.history({ resourceType: 'Patient', id }));
    expect(history.type).toBe('history');
    expect(history.entry?.map((e) => [e.request?.method, e.response?.etag])).toEqual([
      ['DELETE', 'W/"3"'],
      ['PUT', 'W/"2"'],
      ['POST', 'W/"1"'],
    ]);

    const typeHistory = as<Bundle>(await client.typeHistory({ resourceType: 'Patient' }));
    expect(typeHistory.entry?.[0].fullUrl).toBe(`${server.fhirBase}/Patient/${id}`);
    expect(typeHistory.entry?.[0].request?.method).toBe('DELETE');

    const systemHistory = as<Bundle>(await client.systemHistory());
    expect(systemHistory.type).toBe('history');
    expect(systemHistory.entry?.length).toBeGreaterThan(0);
  });

  it('http.html#capabilities: reads the CapabilityStatement', async () => {
    const capability = await client.capabilityStatement();
    expect(capability.resourceType).toBe('CapabilityStatement');
    expect(capability.fhirVersion).toBe('4.0.1');
  });
});
