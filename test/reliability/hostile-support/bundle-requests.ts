import fc from 'fast-check';
import { show, withBody, type Attack, type HostileRequest } from './attack.js';
import { hostileValue } from './hostile-values.js';

/**
 * Bundle shapes: every Bundle.type, entries without requests or with odd methods and URLs, urn:uuid
 * references that point nowhere or in a circle, repeated fullUrls, conditional URLs with hostile queries,
 * entries that read or write the other organisation's records, bundles inside bundles, and a few large ones.
 */
function entry(attack: Attack, uuids: readonly string[]): fc.Arbitrary<unknown> {
  const ref = fc.oneof(fc.constantFrom(...uuids), fc.constantFrom(...attack.foreignRefs), fc.constantFrom(...attack.ownPatientIds).map((id) => `Patient/${id}`), hostileValue(attack));
  const url = fc.oneof(
    fc.constantFrom('Patient', 'Observation', 'Task', 'Bundle', '', '/', 'metadata', '$validate', 'Patient/_search', 'http://evil.example/fhir/Patient'),
    fc.constantFrom(...attack.foreignRefs),
    ref,
    hostileValue(attack).map((v) => `Patient?name=${v}`),
    fc.constantFrom(...attack.foreignRefs).map((r) => `Observation?subject=${r}`),
  );
  const resource = fc.oneof(
    fc.record({ resourceType: fc.constant('Patient'), id: fc.option(hostileValue(attack)), name: fc.constant([{ family: 'Bundled' }]) }, { requiredKeys: ['resourceType'] }),
    ref.map((r) => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: r } })),
    ref.map((r) => ({ resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: r }, focus: { reference: r } })),
    fc.constant({ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'POST', url: 'Patient' }, resource: { resourceType: 'Patient' } }] }),
    fc.jsonValue(),
  );
  return fc.record(
    {
      fullUrl: fc.oneof(fc.constantFrom(...uuids), hostileValue(attack)),
      resource,
      request: fc.oneof(
        fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'get', 'NOPE', ''), url }, { requiredKeys: [] }),
        fc.record({ method: fc.constant('POST'), url: fc.constant('Patient'), ifNoneExist: hostileValue(attack) }),
        fc.record({ method: fc.constant('PUT'), url, ifMatch: hostileValue(attack) }),
        fc.jsonValue(),
      ),
      response: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );
}

export function bundleRequest(attack: Attack): fc.Arbitrary<HostileRequest> {
  const uuids = Array.from({ length: 4 }, (_, i) => `urn:uuid:00000000-0000-4000-8000-00000000000${i}`);
  const type = fc.oneof(fc.constantFrom('batch', 'transaction', 'transaction', 'batch', 'searchset', 'collection', 'document', 'message', 'history', 'batch-response', 'nope'), fc.jsonValue());
  const small = fc.tuple(type, fc.array(entry(attack, uuids), { maxLength: 30 })).map(([t, entries]) => ({ body: { resourceType: 'Bundle', type: t, entry: entries }, what: `${JSON.stringify(t).slice(0, 20)} of ${entries.length}` }));
  const large = fc.tuple(fc.constantFrom('batch', 'transaction'), fc.integer({ min: 200, max: 1_000 }), fc.constantFrom('POST Patient', 'GET foreign', 'circular')).map(([t, n, kind]) => ({
    body: { resourceType: 'Bundle', type: t, entry: Array.from({ length: n }, (_, i) => largeEntry(attack, kind, i, n)) },
    what: `${t} of ${n} × ${kind}`,
  }));
  return fc.oneof({ weight: 30, arbitrary: small }, { weight: 1, arbitrary: large }).map(({ body, what }) => withBody(attack, 'POST', '', JSON.stringify(body), `Bundle ${what} ${show(JSON.stringify(body), 60)}`));
}

function largeEntry(attack: Attack, kind: string, i: number, n: number): unknown {
  if (kind === 'GET foreign') return { request: { method: 'GET', url: attack.foreignRefs[i % attack.foreignRefs.length] } };
  const fullUrl = `urn:uuid:00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  if (kind === 'circular') {
    const next = `urn:uuid:00000000-0000-4000-8000-${((i + 1) % n).toString(16).padStart(12, '0')}`;
    return { fullUrl, request: { method: 'POST', url: 'Patient' }, resource: { resourceType: 'Patient', link: [{ type: 'seealso', other: { reference: next } }] } };
  }
  return { fullUrl, request: { method: 'POST', url: 'Patient' }, resource: { resourceType: 'Patient', name: [{ family: `Bulk${i}` }] } };
}

/**
 * Bundles far beyond what a client sends: tens of thousands of minimal entries (a few megabytes, under the
 * body limit). Each must be answered, accepted or refused (413), without starving /healthz.
 */
export function hugeBundleRequest(attack: Attack): fc.Arbitrary<HostileRequest> {
  return fc.tuple(fc.constantFrom('transaction', 'batch'), fc.integer({ min: 20_000, max: 100_000 }), fc.constantFrom('POST Patient', 'GET foreign')).map(([type, n, kind]) => {
    const entries = Array.from({ length: n }, (_, i) => (kind === 'POST Patient' ? { request: { method: 'POST', url: 'Patient' }, resource: { resourceType: 'Patient' } } : largeEntry(attack, kind, i, n)));
    return withBody(attack, 'POST', '', JSON.stringify({ resourceType: 'Bundle', type, entry: entries }), `${type} of ${n} × ${kind}`);
  });
}
