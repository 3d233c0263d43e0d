import type { Practitioner, PractitionerRole, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { alertSteps, isClinicianRole, recordedReviews, reviewedTask, reviewTasksOf, whoWasTold } from '../../client/src/clinical/risk-review.js';
import { staffNamesByReference } from '../../client/src/clinical/staff-directory.js';
import { urgentOrder } from '../../client/src/clinical/urgent-tasks.js';

const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';
const task = (fields: Partial<Task>): Task => ({ resourceType: 'Task', status: 'requested', intent: 'order', ...fields });
const review = (fields: Partial<Task> = {}): Task => task({ code: { coding: [{ system: TASK_TYPE, code: 'risk-review' }] }, focus: { reference: 'Flag/f1' }, ...fields });

describe('the review Tasks of an alert and who they told', () => {
  it('are the open risk-review Tasks about the alert’s Flag, not another Flag’s, a done one or another kind', () => {
    const mine = review({ id: 'a' });
    const tasks = [mine, review({ id: 'b', focus: { reference: 'Flag/f2' } }), review({ id: 'c', status: 'completed' }), task({ id: 'd', focus: { reference: 'Flag/f1' }, code: { coding: [{ system: TASK_TYPE, code: 'safety-plan-needed' }] } })];
    expect(reviewTasksOf({ flagId: 'f1' }, tasks)).toEqual([mine]);
  });

  it('names the case’s clinician first, then each supervisor once', () => {
    const told = whoWasTold([
      review({ owner: { reference: 'Practitioner/p1' }, restriction: { recipient: [{ reference: 'PractitionerRole/s1', display: 'Nasreen Omar' }, { reference: 'PractitionerRole/s2' }] } }),
      review({ restriction: { recipient: [{ reference: 'PractitionerRole/s1' }] } }),
    ]);
    expect(told).toEqual([
      { reference: 'Practitioner/p1', as: 'clinician' },
      { reference: 'PractitionerRole/s1', display: 'Nasreen Omar', as: 'supervisor' },
      { reference: 'PractitionerRole/s2', as: 'supervisor' },
    ]);
  });

  it('staff are named from their Practitioner, a role through the Practitioner it points at', () => {
    const practitioner: Practitioner = { resourceType: 'Practitioner', id: 'p1', name: [{ given: ['Nasreen'], family: 'Omar' }] };
    const role: PractitionerRole = { resourceType: 'PractitionerRole', id: 's1', practitioner: { reference: 'Practitioner/p1' } };
    const unnamed: PractitionerRole = { resourceType: 'PractitionerRole', id: 's2', practitioner: { reference: 'Practitioner/p9' } };
    const names = staffNamesByReference([practitioner], [role, unnamed]);
    expect(Object.fromEntries(names)).toEqual({ 'Practitioner/p1': 'Nasreen Omar', 'PractitionerRole/s1': 'Nasreen Omar' });
  });
});

describe('the next steps an alert offers', () => {
  const open = [review({ id: 'r1' })];

  it('a psychologist: write the safety plan (none yet), refer urgently, and record the review', () => {
    const steps = alertSteps('p 1', { role: 'psychologist', hasSafetyPlan: false, reviewTasks: open });
    expect(steps).toEqual({
      links: [
        { kind: 'write-safety-plan', to: '/patients/p%201/forms/safety-plan' },
        { kind: 'refer-urgently', to: '/patients/p%201/refer?priority=urgent' },
      ],
      canRecordReview: true,
    });
  });

  it('with a safety plan in force the step is to review it', () => {
    expect(alertSteps('p1', { role: 'psychiatrist', hasSafetyPlan: true, reviewTasks: open }).links[0]).toEqual({ kind: 'review-safety-plan', to: '/patients/p1/forms/safety-plan' });
  });

  it('a caseworker may refer urgently, but neither writes the safety plan nor records the review (the server refuses both)', () => {
    expect(alertSteps('p1', { role: 'caseworker', hasSafetyPlan: false, reviewTasks: open })).toEqual({ links: [{ kind: 'refer-urgently', to: '/patients/p1/refer?priority=urgent' }], canRecordReview: false });
  });

  it('clinicians are the server’s: psychologist, psychiatrist and supervisor; no review to record without its Task', () => {
    expect(['caseworker', 'psychologist', 'psychiatrist', 'supervisor', 'reporter', 'admin'].filter((r) => isClinicianRole(r as never))).toEqual(['psychologist', 'psychiatrist', 'supervisor']);
    expect(alertSteps('p1', { role: 'supervisor', hasSafetyPlan: false, reviewTasks: [] }).canRecordReview).toBe(false);
  });
});

describe('recording the review', () => {
  it('completes the Task with the note added after the server’s own, trimmed', () => {
    const open = review({ id: 'r1', note: [{ text: "For the case's clinician and the site's supervisors." }] });
    expect(reviewedTask(open, '  Seen today; safety plan made.  ')).toEqual({ ...open, status: 'completed', note: [...(open.note ?? []), { text: 'Seen today; safety plan made.' }] });
  });

  it('the record lists the reviews done, newest first, by the note the server stamped (its own note has no time)', () => {
    const done = (id: string, time: string, text: string) =>
      review({ id, status: 'completed', note: [{ text: 'For the site’s supervisors.' }, { text, time, authorReference: { reference: 'Practitioner/p1' } }] });
    const reviews = recordedReviews([done('1', '2026-12-01T10:00:00Z', 'first'), done('2', '2026-12-05T09:00:00Z', 'second'), review({ id: '3' }), review({ id: '4', status: 'completed', note: [{ text: 'For the site’s supervisors.' }] })]);
    expect(reviews).toEqual([
      { taskId: '2', at: '2026-12-05T09:00:00Z', text: 'second', author: 'Practitioner/p1' },
      { taskId: '1', at: '2026-12-01T10:00:00Z', text: 'first', author: 'Practitioner/p1' },
    ]);
  });
});

describe('the urgent list', () => {
  it('puts the item overdue the longest first, then by due date; one without a due date last; same due, raised first first', () => {
    const row = (id: string, due: string | undefined, authoredOn = '2026-12-01T08:00:00Z') => ({ task: task({ id, authoredOn, ...(due ? { restriction: { period: { end: due } } } : {}) }) });
    const rows = [
      row('due-tomorrow', '2026-12-06T23:59:59Z'),
      row('no-due', undefined),
      row('overdue-2-days', '2026-12-03T23:59:59Z'),
      row('overdue-4-days-later', '2026-12-01T23:59:59Z', '2026-12-01T09:00:00Z'),
      row('overdue-4-days', '2026-12-01T23:59:59Z', '2026-12-01T07:00:00Z'),
    ];
    expect(urgentOrder(rows).map((r) => r.task.id)).toEqual(['overdue-4-days', 'overdue-4-days-later', 'overdue-2-days', 'due-tomorrow', 'no-due']);
  });
});
