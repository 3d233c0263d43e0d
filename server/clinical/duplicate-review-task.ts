import type { Practitioner, PractitionerRole, Reference, Task } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import { getHiwaCodeSystem } from '../fhir/definitions.js';

export const REGISTRATION_TASK_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/registration-task';
export const REVIEW_POSSIBLE_DUPLICATE = 'review-possible-duplicate';
const REVIEW_DAYS = 7;

/**
 * The Task that asks a patient's supervisors to check a possible duplicate found by staff who cannot see
 * the patient. Its text is the code's display; it says who looked, and nothing about whom they described.
 */
export function duplicateReviewTask(input: {
  patientId: string;
  requester: Reference<Practitioner>;
  supervisors: Reference<PractitionerRole>[];
  now: Date;
}): Task {
  const display = getHiwaCodeSystem(REGISTRATION_TASK_SYSTEM)?.concept?.find((c) => c.code === REVIEW_POSSIBLE_DUPLICATE)?.display;
  if (display === undefined) throw new Error(`${REGISTRATION_TASK_SYSTEM} has no ${REVIEW_POSSIBLE_DUPLICATE}`);
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: REGISTRATION_TASK_SYSTEM, code: REVIEW_POSSIBLE_DUPLICATE, display }], text: display },
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
