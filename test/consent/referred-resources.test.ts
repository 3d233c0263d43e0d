import type { Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { referredResources } from '../../server/clinical/referral-access.js';

/** What one referral Task lets its recipient read, decided without the database. */

const task = (status: Task['status']): Task & { id: string } => ({
  resourceType: 'Task', id: 't1', status, intent: 'order',
  focus: { reference: 'ServiceRequest/sr1' }, for: { reference: 'Patient/p1' },
  input: [{ type: { text: 'chosen' }, valueReference: { reference: 'Observation/o1' } }],
});
const consent = { kind: 'consent', until: '2027-01-01' } as const;
const recorded = [{ resourceType: 'Encounter', id: 'e1' }, { resourceType: 'Condition', id: 'c1' }];
const names = (status: Task['status'], basis: Parameters<typeof referredResources>[2] = consent) =>
  referredResources(task(status), undefined, basis, recorded).map((r) => `${r.resourceType}/${r.id}`);

describe('what a referral lets its recipient read', () => {
  it('requested: the Task, the referral and the patient; not yet the chosen records nor a consultation', () => {
    expect(names('requested')).toEqual(['Task/t1', 'ServiceRequest/sr1', 'Patient/p1']);
  });

  it('accepted or in progress: also the chosen records and the consultation and diagnosis the recipient recorded, until the consent ends', () => {
    for (const status of ['accepted', 'in-progress'] as const) {
      expect(names(status)).toEqual(['Task/t1', 'ServiceRequest/sr1', 'Patient/p1', 'Observation/o1', 'Encounter/e1', 'Condition/c1']);
    }
    const written = referredResources(task('accepted'), undefined, consent, recorded).find((r) => r.id === 'e1');
    expect(written?.expires).toBe('2027-01-01');
  });

  it('closed, or without a consent: only the Task, whatever the recipient recorded under it', () => {
    for (const status of ['completed', 'rejected', 'cancelled'] as const) expect(names(status)).toEqual(['Task/t1']);
    expect(names('in-progress', { kind: 'none' })).toEqual(['Task/t1']);
  });
});
