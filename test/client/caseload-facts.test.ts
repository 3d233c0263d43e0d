import type { Flag, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { caseloadFacts } from '../../client/src/clinical/caseload-summary.js';

const flag = (subject: string, code: string, status: Flag['status'] = 'active'): Flag => ({
  resourceType: 'Flag',
  id: `${subject}-${code}`,
  status,
  code: { coding: [{ code }] },
  subject: { reference: subject },
});
const task = (subject: string, due: string): Task => ({ resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: subject }, restriction: { period: { end: due } } });

describe('what a caseload row shows beside the person', () => {
  it('suicide risk and other active alerts; the earliest deadline among open tasks; nothing for the others', () => {
    const facts = caseloadFacts(
      [{ resourceType: 'Patient', id: 'a' }, { resourceType: 'Patient', id: 'b' }],
      [flag('Patient/a', 'suicide-risk'), flag('Patient/a', 'other'), flag('Patient/b', 'suicide-risk', 'inactive'), flag('Patient/z', 'suicide-risk')],
      [task('Patient/a', '2026-04-02T00:00:00Z'), task('Patient/a', '2026-03-20T00:00:00Z'), task('Patient/z', '2026-01-01T00:00:00Z')],
    );
    expect(facts.get('Patient/a')).toEqual({ suicideRisk: true, otherAlerts: 1, nextDue: '2026-03-20T00:00:00Z' });
    expect(facts.get('Patient/b')).toEqual({ suicideRisk: false, otherAlerts: 0 });
    expect(facts.has('Patient/z')).toBe(false);
  });
});
