import type { Consent, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { formNameOf, recordTimeline } from '../../client/src/clinical/record-timeline.js';
import { formNamed } from '../../client/src/questionnaire/form-by-name.js';

const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';
const referral: Task = { resourceType: 'Task', id: 'r1', status: 'completed', intent: 'order', authoredOn: '2026-03-02T10:00:00Z', code: { coding: [{ system: TASK_TYPE, code: 'referral' }] } };
const followUp: Task = { resourceType: 'Task', id: 't1', status: 'requested', intent: 'order', authoredOn: '2026-03-05T08:00:00+03:00', code: { coding: [{ system: TASK_TYPE, code: 'follow-up' }] } };
const phq9: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', id: 'q1', status: 'completed', authored: '2026-03-01T09:00:00Z', questionnaire: 'https://hiwa.health/fhir/Questionnaire/PHQ9|1.0.0' };
const consent: Consent = {
  resourceType: 'Consent',
  id: 'c1',
  status: 'inactive',
  scope: { text: 'treatment' },
  category: [{ text: 'services' }],
  dateTime: '2026-02-20T09:00:00Z',
  meta: { lastUpdated: '2026-03-10T12:00:00Z' },
};

describe('the record timeline', () => {
  const entries = recordTimeline({
    sessions: [{ id: 'e1', date: '2026-03-03T09:00:00Z', service: 'pfa' }, { id: 'e2', service: 'pfa' }],
    responses: [phq9, { ...phq9, id: 'q2', authored: undefined }],
    consents: [consent],
    // the open follow-up, and the referral found twice (open list and referral search) once
    tasks: [followUp, referral, referral],
  });

  it('lists what happened newest first, comparing times rather than text (an offset is not later)', () => {
    expect(entries.map((e) => `${e.kind} ${e.key}`)).toEqual([
      'consent-withdrawn consent-withdrawn/c1',
      'task task/t1',
      'session session/e1',
      'referral task/r1',
      'form form/q1',
      'consent-given consent-given/c1',
    ]);
  });

  it('leaves out what has no date: a session or a form without one cannot be placed', () => {
    expect(entries.some((e) => e.key === 'session/e2' || e.key === 'form/q2')).toBe(false);
  });

  it("names a response's form by its Questionnaire's name, as the interface knows it", () => {
    expect(formNameOf(phq9)).toBe('PHQ9');
    expect(formNamed('PHQ9')?.label).toBe('PHQ-9');
    expect(formNamed('SAFETY_PLAN')?.slug).toBe('safety-plan');
    expect(formNamed('SDQ_P4_17')?.slug).toBe('sdq-p4-17');
    expect(formNamed('UNKNOWN')).toBeUndefined();
  });
});
