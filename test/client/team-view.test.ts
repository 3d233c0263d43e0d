import type { PractitionerRole, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { homePathOf } from '../../client/src/auth/role-pages.js';
import { approvalOf, decidedTask } from '../../client/src/clinical/approvals.js';
import { staffMembers, type StaffMember } from '../../client/src/clinical/staff-directory.js';
import { isApprovalKind, taskKindOf } from '../../client/src/clinical/task-kinds.js';
import { caseloadPerWorker, reassignParameters } from '../../client/src/clinical/team.js';

const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';
const STAFF_ROLE = 'https://hiwa.health/fhir/CodeSystem/staff-role';
const now = new Date('2026-06-10T12:00:00Z');

const typed = (code: string, overrides: Partial<Task> = {}): Task => ({
  resourceType: 'Task',
  id: code,
  status: 'requested',
  intent: 'order',
  code: { coding: [{ system: TASK_TYPE, code }], text: 'server words' },
  ...overrides,
});
const member = (id: string, name: string): StaffMember => ({ practitionerId: id, name, role: 'caseworker' });

describe('the caseload per worker', () => {
  it('counts each worker’s active cases and overdue tasks (by owner); the most overdue first, then by name', () => {
    const owned = (owner: string, due: string, status: Task['status'] = 'requested'): Task => ({ ...typed('next-session'), status, owner: { reference: owner }, restriction: { period: { end: due } } });
    const rows = caseloadPerWorker(
      [member('a', 'Layla Hassan'), member('b', 'Dilan Ahmed'), member('c', 'Azad Khalil')],
      new Map([['a', 12], ['b', 3]]),
      [
        owned('Practitioner/b', '2026-06-01T00:00:00Z'),
        owned('Practitioner/b', '2026-06-09T00:00:00Z'),
        owned('Practitioner/b', '2026-06-20T00:00:00Z'), // not due yet
        owned('Practitioner/a', '2026-06-01T00:00:00Z', 'completed'), // done: not overdue
        owned('PractitionerRole/a', '2026-06-01T00:00:00Z'), // a role, not the person: not counted here
      ],
      now,
    );
    expect(rows.map((r) => [r.member.name, r.activeCases, r.overdueTasks])).toEqual([
      ['Dilan Ahmed', 3, 2],
      ['Azad Khalil', 0, 0],
      ['Layla Hassan', 12, 0],
    ]);
  });

  it('names each member of staff once, whatever number of sites they hold a role at, and only in the roles asked for', () => {
    const role = (id: string, practitioner: string, code: string): PractitionerRole => ({
      resourceType: 'PractitionerRole',
      id,
      practitioner: { reference: `Practitioner/${practitioner}` },
      code: [{ coding: [{ system: STAFF_ROLE, code }] }],
    });
    const members = staffMembers(
      [role('r1', 'p1', 'caseworker'), role('r2', 'p1', 'caseworker'), role('r3', 'p2', 'psychologist'), role('r4', 'p3', 'supervisor')],
      [
        { resourceType: 'Practitioner', id: 'p1', name: [{ given: ['Layla'], family: 'Hassan' }] },
        { resourceType: 'Practitioner', id: 'p2', name: [{ text: 'Dilan Ahmed' }] },
      ],
      ['caseworker', 'psychologist'],
    );
    expect(members).toEqual([
      { practitionerId: 'p2', name: 'Dilan Ahmed', role: 'psychologist' },
      { practitionerId: 'p1', name: 'Layla Hassan', role: 'caseworker' },
    ]);
  });

  it('reassigning sends the new case manager and, when given, the reason', () => {
    expect(reassignParameters('p2', '  leaving the site ')).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'careManager', valueReference: { reference: 'Practitioner/p2' } },
        { name: 'reason', valueString: 'leaving the site' },
      ],
    });
    expect(reassignParameters('p2', ' ').parameter).toHaveLength(1);
  });
});

describe('the approvals queue', () => {
  it('a closure shows its reason code and the outcome typed by the case manager; the supervisor decides it', () => {
    const closure = typed('case-closure', {
      reasonCode: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/case-closure-reason', code: 'goals-met', display: 'Goals met' }] },
      input: [{ type: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-parameter', code: 'closure-outcome' }] }, valueString: 'Coping well. ' }],
    });
    expect(approvalOf(closure, 'sup')).toEqual({ task: closure, kind: 'case-closure', decisions: ['approve', 'decline'], closureReason: 'goals-met', note: { kind: 'outcome', text: 'Coping well.' } });
  });

  it('a review shows the reason as typed, apart from the server’s sentence; a request with neither shows its description', () => {
    const review = typed('break-glass-review', { description: 'dilan opened this record outside their caseload: covering for Layla', reasonCode: { text: 'covering for Layla' } });
    expect(approvalOf(review, 'sup')?.note).toEqual({ kind: 'reason', text: 'covering for Layla' });
    expect(approvalOf(typed('duplicate-review', { description: 'Registered again at Qadia camp' }), 'sup')?.note).toEqual({ kind: 'description', text: 'Registered again at Qadia camp' });
    expect(approvalOf(typed('duplicate-review'), 'sup')?.note).toBeUndefined();
  });

  it('a transfer is answered by its receiver: the supervisor decides only one addressed to them', () => {
    expect(approvalOf(typed('transfer', { owner: { reference: 'Practitioner/other' } }), 'sup')?.decisions).toEqual([]);
    expect(approvalOf(typed('transfer', { owner: { reference: 'Practitioner/sup' } }), 'sup')?.decisions).toEqual(['approve', 'decline']);
  });

  it('leaves out what is not an approval (a follow-up, a referral)', () => {
    expect(approvalOf(typed('next-session'), 'sup')).toBeUndefined();
    expect(approvalOf(typed('referral'), 'sup')).toBeUndefined();
  });

  it('approving completes a closure or a review and accepts a transfer; declining rejects with the reason', () => {
    expect(decidedTask(typed('case-closure'), 'approve', '').status).toBe('completed');
    expect(decidedTask(typed('break-glass-review'), 'approve', '').status).toBe('completed');
    expect(decidedTask(typed('transfer'), 'approve', '').status).toBe('accepted');
    const declined = decidedTask(typed('duplicate-review'), 'decline', ' Not the same person ');
    expect(declined).toMatchObject({ status: 'rejected', statusReason: { text: 'Not the same person' } });
  });
});

describe('a task is known by its code, not by the server’s words (its wording: task-wording.test.ts)', () => {
  it('by its task-type code; a suicide-risk review by its focus (a Flag); an unknown code is no kind', () => {
    expect(taskKindOf(typed('case-closure'))).toBe('case-closure');
    const review: Task = { resourceType: 'Task', status: 'requested', intent: 'order', code: { text: 'Review suicide risk' }, focus: { reference: 'Flag/1' } };
    expect(taskKindOf(review)).toBe('risk-review');
    expect(taskKindOf({ resourceType: 'Task', status: 'requested', intent: 'order', code: { text: 'Call the school' } })).toBeUndefined();
  });

  it('closures, transfers and reviews are what a supervisor approves; a follow-up or a risk review is not', () => {
    expect(isApprovalKind(taskKindOf(typed('duplicate-review')))).toBe(true);
    expect(isApprovalKind(taskKindOf(typed('next-session')))).toBe(false);
    expect(isApprovalKind('risk-review')).toBe(false);
  });
});

describe('where a supervisor lands', () => {
  it('on the team view', () => {
    expect(homePathOf('supervisor')).toBe('/team');
  });
});
