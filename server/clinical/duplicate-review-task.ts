import type { Practitioner, PractitionerRole, Reference, Task } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import { taskTypeCode } from './workflow-codes.js';

const REVIEW_DAYS = 7;

/**
 * The Task that asks a patient's supervisors to check a possible duplicate found by staff who cannot see
 * the patient (code task-type|duplicate-review, in the supervisors' approvals queue). It says who looked, and
 * nothing about whom they described.
 */
export function duplicateReviewTask(input: {
  patientId: string;
  requester: Reference<Practitioner>;
  supervisors: Reference<PractitionerRole>[];
  now: Date;
}): Task {
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: taskTypeCode('duplicate-review'),
    for: { reference: `Patient/${input.patientId}` },
    requester: input.requester,
    authoredOn: input.now.toISOString(),
    performerType: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor', display: 'Supervisor' }], text: "The patient's supervisors" }],
    restriction: {
      period: { end: new Date(input.now.getTime() + REVIEW_DAYS * 86_400_000).toISOString() },
      ...(input.supervisors.length === 0 ? {} : { recipient: input.supervisors }),
    },
  };
}
