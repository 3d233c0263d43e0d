import type { Reference, Task } from '@medplum/fhirtypes';
import { parseReference } from '../fhir/search/index-text.js';
import { FHIR_TASK_CODE_SYSTEM, hasCode, isTaskOfType } from './workflow-codes.js';

export type TaskStatus = Task['status'];

/** Every status R4 gives a Task. */
export const TASK_STATUSES: readonly TaskStatus[] = [
  'draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error',
];

/** Who moves a referral: its recipient (Task.owner) or its referrer (Task.requester). */
export type ReferralParty = 'recipient' | 'referrer';

/**
 * A referral's life: `requested → accepted | rejected | cancelled`, `accepted → in-progress → completed`.
 * Each move belongs to one party: the recipient answers and does the work, the referrer may withdraw it
 * while it is unanswered.
 */
const MOVES: Partial<Record<TaskStatus, Partial<Record<TaskStatus, ReferralParty>>>> = {
  requested: { accepted: 'recipient', rejected: 'recipient', cancelled: 'referrer' },
  accepted: { 'in-progress': 'recipient' },
  'in-progress': { completed: 'recipient' },
};

/** A referral is made as requested: nothing else can be in someone's inbox. */
export const INITIAL_REFERRAL_STATUS: TaskStatus = 'requested';

/** A Task is a referral when Hiwa's task type says so, or when it is FHIR's `fulfill` of a ServiceRequest. */
export function isReferralTask(task: Task): boolean {
  return isTaskOfType(task, 'referral') || (hasCode(task.code, FHIR_TASK_CODE_SYSTEM, 'fulfill') && task.focus?.reference?.startsWith('ServiceRequest/') === true);
}

/**
 * A transfer of a case (`task-type|transfer`, focus the EpisodeOfCare) to another worker or organisation goes
 * through the same machine: the receiver accepts (the case moves) or rejects, the sender may cancel.
 */
export function isTransferTask(task: Task): boolean {
  return isTaskOfType(task, 'transfer');
}

/** A Task that hands something to a recipient who answers it: a referral or a transfer. */
export function isHandoverTask(task: Task): boolean {
  return isReferralTask(task) || isTransferTask(task);
}

export function nextReferralStatuses(from: TaskStatus): TaskStatus[] {
  return Object.keys(MOVES[from] ?? {}) as TaskStatus[];
}

/** Who the caller is to the referral, as far as the rule could resolve it. */
export interface Caller {
  /** the server itself: bound by the machine, not by who is who */
  internal: boolean;
  practitionerId?: string;
  organizationId?: string;
  /** the caller's PractitionerRole ids */
  roleIds: readonly string[];
}

/** Whether a reference (owner, requester) names the caller: as a practitioner, one of their roles, or their organisation. */
export function names(reference: Reference | undefined, caller: Caller): boolean {
  const { targetType, targetId } = parseReference(reference?.reference ?? '');
  if (!targetId) return false;
  if (targetType === 'Practitioner') return targetId === caller.practitionerId;
  if (targetType === 'PractitionerRole') return caller.roleIds.includes(targetId);
  if (targetType === 'Organization') return targetId === caller.organizationId;
  return false;
}

export type ReferralDecision =
  | { allowed: true }
  | { allowed: false; status: 409; allowedNext: TaskStatus[]; message: string }
  | { allowed: false; status: 403; message: string }
  | { allowed: false; status: 422; message: string; expression: string };

/**
 * Whether a write may take a referral Task from `previous` (undefined for a create) to `task`: the move must
 * be in the machine (409 listing the allowed next states), made by its party (403 naming who may), and carry
 * what it must (422): a rejection its statusReason, a completion its outcome note in `output`.
 */
export function decideReferralMove(previous: Task | undefined, task: Task, caller: Caller): ReferralDecision {
  const from = previous?.status;
  const to = task.status;
  const noun = isTransferTask(previous ?? task) ? 'transfer' : 'referral';
  if (from === undefined) {
    if (to === INITIAL_REFERRAL_STATUS) return { allowed: true };
    return { allowed: false, status: 409, allowedNext: [INITIAL_REFERRAL_STATUS], message: `A ${noun} is made as ${INITIAL_REFERRAL_STATUS}, not ${to}` };
  }
  if (from === to) return { allowed: true };
  const party = MOVES[from]?.[to];
  if (party === undefined) {
    const allowedNext = nextReferralStatuses(from);
    return { allowed: false, status: 409, allowedNext, message: `A ${noun} cannot go from ${from} to ${to}; allowed next: ${allowedNext.join(', ') || 'none'}` };
  }
  // The parties are those of the version being answered: a write cannot make itself the recipient.
  const who = party === 'recipient' ? previous?.owner : previous?.requester;
  if (!caller.internal && !names(who, caller)) {
    const described = who?.reference === undefined ? `its ${party}, whom it does not name` : `its ${party} (${who.display ?? who.reference})`;
    return { allowed: false, status: 403, message: `Only ${described} may move a ${noun} from ${from} to ${to}` };
  }
  if (to === 'rejected' && !hasText(task.statusReason?.text) && !(task.statusReason?.coding ?? []).some((c) => c.code)) {
    return { allowed: false, status: 422, message: `A rejected ${noun} says why (statusReason)`, expression: 'Task.statusReason' };
  }
  if (to === 'completed' && !(task.output ?? []).some((o) => hasText(o.valueString ?? o.valueMarkdown ?? o.valueAnnotation?.text))) {
    return { allowed: false, status: 422, message: `A completed ${noun} gives its outcome: an output with a note (valueString, valueMarkdown or valueAnnotation)`, expression: 'Task.output' };
  }
  return { allowed: true };
}

function hasText(value: string | undefined): boolean {
  return (value?.trim() ?? '') !== '';
}
