import { randomUUID } from 'node:crypto';
import type { BundleEntry } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirClient } from '../support/server.js';
import { useTestServer } from '../support/suite.js';

/**
 * What one Bundle may ask: at most MAX_BUNDLE_ENTRIES entries (small here so the suite stays fast). A larger
 * one is refused with 413 before any entry is looked at; one of the largest size is processed in full.
 */

const LIMIT = 40;
const suite = useTestServer({ env: { MAX_BUNDLE_ENTRIES: String(LIMIT) } });
/** a caseworker's client: registering beneficiaries in bulk is their work; the suite's own client is a supervisor */
let caseworker: ReturnType<typeof fhirClient>;
let caseworkerPractitioner: string;
beforeAll(async () => {
  const account = await suite.server.createAccount({ role: 'caseworker' });
  const { access_token } = await suite.server.login(account.username, account.password);
  caseworker = fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${access_token}` });
  caseworkerPractitioner = account.practitionerId;
});

const patients = (family: string, count: number): BundleEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    resource: { resourceType: 'Patient', name: [{ family, given: [`N${i}`] }] },
    request: { method: 'POST', url: 'Patient' },
  }));
const bundle = (type: 'batch' | 'transaction', entry: BundleEntry[]) => ({ resourceType: 'Bundle', type, entry });
const countOf = async (family: string): Promise<number> =>
  (await suite.fhir('GET', `Patient?family:exact=${family}&_summary=count`)).body.total;
const statusCode = (e: BundleEntry) => e.response?.status.split(' ')[0];

describe('MAX_BUNDLE_ENTRIES', () => {
  it.each(['transaction', 'batch'] as const)('a %s of one entry more than the limit is a 413 naming Bundle.entry and the limit; nothing is written', async (type) => {
    const family = `Over${randomUUID().slice(0, 8)}`;
    const res = await caseworker('POST', '', bundle(type, patients(family, LIMIT + 1)));
    expect(res.status).toBe(413);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['Bundle.entry']);
    expect(res.body.issue[0].diagnostics).toContain(`at most ${LIMIT} entries`);
    expect(await countOf(family)).toBe(0);
  });

  it('a transaction of exactly the limit creates every entry, and its AuditEvent names each created Patient', async () => {
    const family = `AtLimit${randomUUID().slice(0, 8)}`;
    const res = await caseworker('POST', '', bundle('transaction', patients(family, LIMIT)));
    expect(res.status).toBe(200);
    expect(res.body.entry.map(statusCode)).toEqual(Array(LIMIT).fill('201'));
    expect(await countOf(family)).toBe(LIMIT);

    const created: string[] = res.body.entry.map((e: BundleEntry) => `Patient/${e.resource?.id}`);
    const trail = await suite.fhir('GET', `AuditEvent?agent=Practitioner/${caseworkerPractitioner}&patient=${created[LIMIT - 1]}`);
    expect(trail.body.entry).toHaveLength(1);
    const event = trail.body.entry[0].resource;
    expect(event.subtype[0].code).toBe('create');
    const named = event.entity.map((e: { what?: { reference: string } }) => e.what?.reference);
    expect(named.sort()).toEqual([...created].sort());
    // the event is indexed under each of them, the first as well as the last
    const byFirst = await suite.fhir('GET', `AuditEvent?agent=Practitioner/${caseworkerPractitioner}&patient=${created[0]}&_summary=count`);
    expect(byFirst.body.total).toBe(1);
  });

  it('a batch of exactly the limit answers each entry: reads on either side of a write, a missing one 404', async () => {
    const family = `Batch${randomUUID().slice(0, 8)}`;
    const made = await caseworker('POST', '', bundle('transaction', patients(family, 10)));
    const ids: string[] = made.body.entry.map((e: BundleEntry) => e.resource?.id);
    const read = (id: string): BundleEntry => ({ request: { method: 'GET', url: `Patient/${id}` } });
    const entries: BundleEntry[] = [
      ...Array.from({ length: 19 }, (_, i) => read(ids[i % ids.length])),
      read('not-there'),
      ...patients(family, 1),
      ...Array.from({ length: LIMIT - 21 }, (_, i) => read(ids[i % ids.length])),
    ];
    expect(entries).toHaveLength(LIMIT);
    const res = await caseworker('POST', '', bundle('batch', entries));
    expect(res.status).toBe(200);
    expect(res.body.entry.map(statusCode)).toEqual([...Array(19).fill('200'), '404', '201', ...Array(LIMIT - 21).fill('200')]);
    expect(res.body.entry[5].resource.id).toBe(ids[5]);
    expect(res.body.entry[19].response.outcome.resourceType).toBe('OperationOutcome');
    expect(await countOf(family)).toBe(11);
    // every read left its event, the failed one too
    const reads = await suite.fhir('GET', `AuditEvent?agent=Practitioner/${caseworkerPractitioner}&subtype=read&_summary=count`);
    expect(reads.body.total).toBe(LIMIT - 1);
  });
});
