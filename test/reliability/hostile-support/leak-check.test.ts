import { describe, expect, it } from 'vitest';
import { foreignDataIn } from './leak-check.js';

const foreign = new Set(['Patient/b1', 'Observation/b2']);
const marker = 'Foreignmarker1234';
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const bundle = (...resources: unknown[]) => ({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });

describe("foreignDataIn: what of the other organisation an answer shows", () => {
  it('finds their resources by Type/id, in a body or in Bundle entries, and by the marker word in any resource', () => {
    expect(foreignDataIn(json({ resourceType: 'Patient', id: 'b1' }), '', foreign, marker)).toEqual(['Patient/b1']);
    expect(foreignDataIn(json(bundle({ resourceType: 'Patient', id: 'a1' }, { resourceType: 'Observation', id: 'b2' })), '', foreign, marker)).toEqual(['Observation/b2']);
    expect(foreignDataIn(json(bundle({ resourceType: 'Patient', id: 'x', name: [{ family: 'FOREIGNMARKER1234' }] })), '', foreign, marker)).toEqual(['Patient/x (carries the marker)']);
  });

  it('a transaction-response inside a batch answer is opened too', () => {
    const inner = bundle({ resourceType: 'Patient', id: 'b1' });
    expect(foreignDataIn(json(bundle(inner)), '', foreign, marker)).toEqual(['Patient/b1']);
  });

  it('an echo of the request is not a leak: OperationOutcomes, self links, and resources the caller wrote with the marker', () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ diagnostics: `Patient/b1 ${marker} not found` }] };
    expect(foreignDataIn(json(outcome), 'GET Patient/b1', foreign, marker)).toEqual([]);
    expect(foreignDataIn(json({ ...bundle(), link: [{ relation: 'self', url: `Patient?name=${marker}` }] }), '', foreign, marker)).toEqual([]);
    expect(foreignDataIn(json({ resourceType: 'Patient', id: 'new', name: [{ family: marker }] }), `{"name":[{"family":"${marker}"}]}`, foreign, marker)).toEqual([]);
  });

  it('a body that is not JSON is searched as text for what the request did not contain', () => {
    expect(foreignDataIn(Buffer.from(`<p>${marker}</p>`), '', foreign, marker)).toEqual([marker]);
    expect(foreignDataIn(Buffer.from('error about b1'), 'GET Patient/b1', foreign, marker)).toEqual([]);
    expect(foreignDataIn(Buffer.from('error about b2'), '', foreign, marker)).toEqual(['b2']);
  });
});
