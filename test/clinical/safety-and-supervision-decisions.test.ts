import type { CareTeam, EpisodeOfCare, Patient, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { reassignedCareTeam } from '../../server/clinical/case-reassignment.js';
import { followUpProblems } from '../../server/clinical/follow-up-task.js';
import { mergeRefusal, replacedPatient, survivingPatient, withPatientMoved } from '../../server/clinical/patient-merge.js';
import { safetyPlanCarePlan, supersededPlan } from '../../server/clinical/safety-plan.js';

/** The pure decisions behind safety plans, follow-ups, reassignment and merging, without a server. */

const NOW = new Date('2026-12-05T09:00:00Z');

describe('safety plan', () => {
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: 'r1',
    questionnaire: 'https://hiwa.health/fhir/Questionnaire/SAFETY_PLAN|1.0.0',
    status: 'completed',
    subject: { reference: 'Patient/p1' },
    authored: '2026-12-01T10:00:00Z',
    item: [{ linkId: 'sp-review', item: [{ linkId: 'sp-plan-date', answer: [{ valueDate: '2026-12-01' }] }, { linkId: 'sp-review-date', answer: [{ valueDate: '2027-01-05' }] }] }],
  };

  it('runs from the plan date to the review date, points at the response and names what it replaces', () => {
    const plan = safetyPlanCarePlan(response, { replaces: [{ reference: 'CarePlan/old' }], now: NOW });
    expect(plan).toMatchObject({
      status: 'active',
      period: { start: '2026-12-01', end: '2027-01-05' },
      supportingInfo: [{ reference: 'QuestionnaireResponse/r1' }],
      replaces: [{ reference: 'CarePlan/old' }],
      subject: { reference: 'Patient/p1' },
    });
    expect(supersededPlan(plan, { reference: 'CarePlan/new' }).status).toBe('revoked');
  });
});

describe('follow-up Tasks', () => {
  const base: Task = { resourceType: 'Task', status: 'requested', intent: 'plan', code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'next-session' }] } };
  it('need a patient and a due date; other Tasks are not follow-ups', () => {
    expect(followUpProblems(base).map((p) => p.expression?.[0])).toEqual(['Task.for', 'Task.restriction.period.end']);
    expect(followUpProblems({ ...base, for: { reference: 'Patient/p1' }, restriction: { period: { end: '2026-12-10' } } })).toEqual([]);
    expect(followUpProblems({ ...base, code: { text: 'Anything' } })).toEqual([]);
  });
});

describe('reassignment', () => {
  const episode: EpisodeOfCare = { resourceType: 'EpisodeOfCare', status: 'active', patient: { reference: 'Patient/p1' } };
  it('ends the previous case manager and adds the new one, keeping other members', () => {
    const team: CareTeam = {
      resourceType: 'CareTeam',
      participant: [
        { role: [{ coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/care-team-role', code: 'case-manager' }] }], member: { reference: 'Practitioner/a' }, period: { start: '2026-01-01' } },
        { role: [{ coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/care-team-role', code: 'clinician' }] }], member: { reference: 'Practitioner/c' } },
      ],
    };
    const next = reassignedCareTeam(team, episode, { reference: 'Practitioner/b' }, NOW);
    expect(next.participant?.map((p) => [p.member?.reference, p.period?.end ?? null])).toEqual([
      ['Practitioner/a', NOW.toISOString()],
      ['Practitioner/c', null],
      ['Practitioner/b', null],
    ]);
    expect(reassignedCareTeam(undefined, episode, { reference: 'Practitioner/b' }, NOW)).toMatchObject({ resourceType: 'CareTeam', subject: { reference: 'Patient/p1' } });
  });
});

describe('merge', () => {
  const a: Patient = { resourceType: 'Patient', id: 'a' };
  const b: Patient = { resourceType: 'Patient', id: 'b' };
  it('refuses the same patient (422) and a record already merged on either side (409)', () => {
    expect(mergeRefusal(a, a)?.status).toBe(422);
    expect(mergeRefusal(replacedPatient(a, 'b'), b)?.status).toBe(409);
    expect(mergeRefusal(b, replacedPatient(a, 'c'))?.status).toBe(409);
    expect(mergeRefusal(a, survivingPatient(b, 'x'))).toBeUndefined();
  });

  it('rewrites every reference to the duplicate, wherever it sits, and nothing else', () => {
    const task: Task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      for: { reference: 'Patient/a', display: 'Patient/a' },
      restriction: { recipient: [{ reference: 'Patient/a' }, { reference: 'Patient/ab' }] },
      input: [{ type: { text: 'x' }, valueString: 'Patient/a' }],
    };
    const moved = withPatientMoved(task, 'a', 'b');
    expect(moved.for).toEqual({ reference: 'Patient/b', display: 'Patient/a' });
    expect(moved.restriction?.recipient).toEqual([{ reference: 'Patient/b' }, { reference: 'Patient/ab' }]);
    expect(moved.input?.[0]?.valueString).toBe('Patient/a');
  });
});
