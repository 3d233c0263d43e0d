import type { Patient, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { approvalKinds, isApprovalKind, taskKindOf, TASK_TYPE_SYSTEM, type ApprovalKind } from './task-kinds.js';

const TASK_PARAMETER_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/task-parameter';
const CASE_CLOSURE_REASON_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/case-closure-reason';

/** fhir-profiles/CodeSystem-case-closure-reason.json */
export const closureReasons = ['goals-met', 'referred-on', 'moved-away', 'lost-contact', 'declined', 'deceased', 'other'] as const;
export type ClosureReason = (typeof closureReasons)[number];

export type ApprovalDecision = 'approve' | 'decline';

export interface Approval {
  task: Task;
  kind: ApprovalKind;
  /** the decisions the signed-in supervisor can make here (none when someone else answers it) */
  decisions: ApprovalDecision[];
  closureReason?: ClosureReason;
  /** words typed by whoever asked (never translated), and what they are: a closure's outcome, the reason given, a note */
  note?: { kind: 'outcome' | 'reason' | 'description'; text: string };
}

function noteOf(task: Task): Approval['note'] {
  const outcome = task.input?.find((i) => i.type?.coding?.some((c) => c.system === TASK_PARAMETER_SYSTEM && c.code === 'closure-outcome'))?.valueString?.trim();
  if (outcome) return { kind: 'outcome', text: outcome };
  const reason = task.reasonCode?.text?.trim();
  if (reason) return { kind: 'reason', text: reason };
  const description = task.description?.trim();
  return description ? { kind: 'description', text: description } : undefined;
}

/**
 * What the queue shows of a Task and what the supervisor can do with it. A closure or a review the supervisor
 * decides; a transfer is answered by whoever receives it (the server's referral machine), so the supervisor
 * decides it only when it is addressed to them.
 */
export function approvalOf(task: Task, supervisorPractitionerId: string): Approval | undefined {
  const kind = taskKindOf(task);
  if (!isApprovalKind(kind)) return undefined;
  const decides = kind !== 'transfer' || task.owner?.reference === `Practitioner/${supervisorPractitionerId}`;
  const reasonCode = task.reasonCode?.coding?.find((c) => c.system === CASE_CLOSURE_REASON_SYSTEM)?.code;
  const closureReason = closureReasons.find((r) => r === reasonCode);
  const note = noteOf(task);
  return {
    task,
    kind,
    decisions: decides ? ['approve', 'decline'] : [],
    ...(closureReason ? { closureReason } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * The Task as the decision leaves it: approving completes a closure or a review (the server closes the case
 * on a completed closure) and accepts a transfer; declining rejects it, with the reason the supervisor gave.
 */
export function decidedTask(task: Task, decision: ApprovalDecision, reason: string): Task {
  if (decision === 'decline') return { ...task, status: 'rejected', statusReason: { text: reason.trim() } };
  return { ...task, status: taskKindOf(task) === 'transfer' ? 'accepted' : 'completed' };
}

/** A decline says why; an approval needs no words. */
export const decisionNeedsReason = (decision: ApprovalDecision): boolean => decision === 'decline';

export interface ApprovalQueue {
  approvals: Approval[];
  patients: Map<string, Patient>;
}

/** The approvals waiting for a decision, the oldest first: what has waited longest is seen first. */
export async function loadApprovalQueue(fhir: FhirClient, supervisorPractitionerId: string): Promise<ApprovalQueue> {
  const { matches, included } = await fhir.search<Task>('Task', {
    code: approvalKinds.map((kind) => `${TASK_TYPE_SYSTEM}|${kind}`).join(','),
    status: 'requested',
    _include: 'Task:patient',
    _sort: 'authored-on',
    _count: '200',
  });
  const patients = new Map(included.flatMap((r) => (r.resourceType === 'Patient' && r.id ? [[`Patient/${r.id}`, r] as const] : [])));
  return { approvals: matches.flatMap((task) => approvalOf(task, supervisorPractitionerId) ?? []), patients };
}
