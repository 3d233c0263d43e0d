import type { Task } from '@medplum/fhirtypes';

/** Hiwa's workflow Task types (fhir-profiles/CodeSystem-task-type.json). */
export const TASK_TYPE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/task-type';

/** The codes of that system (`risk-review`: the review a suicide-risk Flag raises; one stored before it had its code is known by its focus, the Flag). */
export const taskKinds = [
  'referral',
  'transfer',
  'case-closure',
  'consent-override-review',
  'consent-withdrawn',
  'break-glass-review',
  'duplicate-review',
  'safety-plan-needed',
  'next-session',
  'reassessment',
  'referral-follow-up',
  'risk-review',
] as const;
export type TaskKind = (typeof taskKinds)[number];

/** What a supervisor approves or reviews: the server's SUPERVISOR_APPROVAL_TYPES (server/clinical/workflow-codes.ts). */
export const approvalKinds = ['case-closure', 'transfer', 'break-glass-review', 'duplicate-review', 'consent-override-review'] as const satisfies readonly TaskKind[];
export type ApprovalKind = (typeof approvalKinds)[number];

/** The kind of a Task by its code, so that the interface names it in its own language rather than the server's words. */
export function taskKindOf(task: Task): TaskKind | undefined {
  const code = task.code?.coding?.find((c) => c.system === TASK_TYPE_SYSTEM)?.code;
  const known = taskKinds.find((kind) => kind === code);
  if (known) return known;
  return task.focus?.reference?.startsWith('Flag/') ? 'risk-review' : undefined;
}

export function isApprovalKind(kind: TaskKind | undefined): kind is ApprovalKind {
  return (approvalKinds as readonly (TaskKind | undefined)[]).includes(kind);
}
