import type { Task } from '@medplum/fhirtypes';
import { instrumentAskedFor, taskSummary } from './open-tasks.js';

/** Hiwa's workflow Task types (fhir-profiles/CodeSystem-task-type.json). */
export const TASK_TYPE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/task-type';

/** The codes of that system, and `risk-review`: the review a suicide-risk Flag raises (focus the Flag, no code). */
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

/**
 * A task's name in the interface language: its kind's label (from `label`, the catalogue lookup), or the
 * server's words for a kind this client does not know; with the instrument a re-assessment asks for.
 */
export function taskLabel(task: Task, label: (kind: TaskKind) => string): string {
  const kind = taskKindOf(task);
  if (kind === undefined) return taskSummary(task);
  const instrument = instrumentAskedFor(task);
  return instrument ? `${label(kind)} · ${instrument}` : label(kind);
}
