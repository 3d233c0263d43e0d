import type { CodeableConcept, Coding, Task } from '@medplum/fhirtypes';

/** Hiwa's workflow Task types (fhir-profiles/CodeSystem-task-type.json). */
export const TASK_TYPE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/task-type';
/** Types of Task.input and Task.output (fhir-profiles/CodeSystem-task-parameter.json). */
export const TASK_PARAMETER_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/task-parameter';
export const CASE_CLOSURE_REASON_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/case-closure-reason';
/** FHIR's own Task codes: `fulfill` with a ServiceRequest as focus is a referral as other systems send it. */
export const FHIR_TASK_CODE_SYSTEM = 'http://hl7.org/fhir/CodeSystem/task-code';

/** The purpose a Consent is given for, in `category` (fhir-profiles/CodeSystem-consent-purpose.json). */
export const CONSENT_PURPOSE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/consent-purpose';
export const CONSENT_OVERRIDE_REASON_URL = 'https://hiwa.health/fhir/StructureDefinition/consent-override-reason';
export const CASE_CLOSURE_URL = 'https://hiwa.health/fhir/StructureDefinition/case-closure';

export type TaskType =
  | 'referral'
  | 'transfer'
  | 'case-closure'
  | 'consent-override-review'
  | 'consent-withdrawn'
  | 'break-glass-review'
  | 'duplicate-review'
  | 'risk-review'
  | 'safety-plan-needed'
  | FollowUpType;

/** Follow-ups: Tasks that are due by `restriction.period.end` (searched as `due`). */
export type FollowUpType = 'next-session' | 'reassessment' | 'referral-follow-up';
export const FOLLOW_UP_TYPES: readonly FollowUpType[] = ['next-session', 'reassessment', 'referral-follow-up'];

/** The display of each code, as in fhir-profiles/CodeSystem-task-type.json. */
const DISPLAY: Record<TaskType, string> = {
  referral: 'Referral',
  transfer: 'Case transfer',
  'case-closure': 'Case closure approval',
  'consent-override-review': 'Review of a consent override',
  'consent-withdrawn': 'Consent withdrawn',
  'break-glass-review': 'Review of break-glass access',
  'duplicate-review': 'Review a possible duplicate registration',
  'risk-review': 'Review suicide risk',
  'safety-plan-needed': 'Safety plan needed',
  'next-session': 'Next session',
  reassessment: 'Re-assessment',
  'referral-follow-up': 'Referral follow-up',
};

/** Every task type (each a concept of the CodeSystem). */
export const TASK_TYPES = Object.keys(DISPLAY) as TaskType[];

/**
 * What a supervisor approves or reviews (their queue: `Task?code=` these `&recipient=PractitionerRole/{id}`
 * or `&performer=staff-role|supervisor`, with `status=requested`).
 */
export const SUPERVISOR_APPROVAL_TYPES: readonly TaskType[] = ['case-closure', 'transfer', 'break-glass-review', 'duplicate-review', 'consent-override-review'];

export function taskTypeCode(type: TaskType): CodeableConcept {
  const coding: Coding = { system: TASK_TYPE_SYSTEM, code: type, display: DISPLAY[type] };
  return { coding: [coding], text: DISPLAY[type] };
}

/** `system|code` of a task type, as a token search value. */
export function taskTypeToken(type: TaskType): string {
  return `${TASK_TYPE_SYSTEM}|${type}`;
}

export function hasCode(concept: CodeableConcept | undefined, system: string, code: string): boolean {
  return concept?.coding?.some((c) => c.system === system && c.code === code) ?? false;
}

export function isTaskOfType(task: Task, type: TaskType): boolean {
  return hasCode(task.code, TASK_TYPE_SYSTEM, type);
}
