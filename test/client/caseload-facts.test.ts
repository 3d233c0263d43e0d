import type { Flag, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { caseloadFacts } from '../../client/src/clinical/caseload-summary.js';
import { taskSummary } from '../../client/src/clinical/open-tasks.js';

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

describe('a task as a list names it', () => {
  it('names the instrument a re-assessment asks for, so the PHQ-9 and the SRQ-20 one are told apart', () => {
    const input = (name: string) => [{ type: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-parameter', code: 'instrument' }] }, valueCanonical: `https://hiwa.health/fhir/Questionnaire/${name}|1.0.0` }];
    const task = (name: string): Task => ({ resourceType: 'Task', status: 'requested', intent: 'order', code: { text: 'Re-assessment' }, input: input(name) });
    expect(taskSummary(task('PHQ9'))).toBe('Re-assessment · PHQ-9');
    expect(taskSummary(task('SRQ20'))).toBe('Re-assessment · SRQ-20');
    expect(taskSummary({ resourceType: 'Task', status: 'requested', intent: 'order', code: { text: 'Review suicide risk' } })).toBe('Review suicide risk');
  });
});
