import type { Bundle, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { loadStaff } from './staff-directory.js';
import { TASK_TYPE_SYSTEM } from './task-kinds.js';

// Hiwa's codes (fhir-profiles/): a referral's outcome note, and the extension saying when a referral must be
// answered.
const TASK_PARAMETER_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/task-parameter';
const ANSWER_DUE_URL = 'https://hiwa.health/fhir/StructureDefinition/answer-due';

/** Who can be referred to inside the programme. */
export const referralRoles = ['psychiatrist', 'psychologist'] as const;
export type ReferralRole = (typeof referralRoles)[number];

export interface Recipient {
  practitionerId: string;
  name: string;
  role: ReferralRole;
}

export interface ReferralDraft {
  patientId: string;
  requesterId: string;
  /** who refers, as the recipient's inbox names them */
  requesterName?: string;
  recipient: Recipient;
  priority: 'routine' | 'urgent';
  reason: string;
}

export const isReferralTask = (task: Task): boolean => task.code?.coding?.some((c) => c.system === TASK_TYPE_SYSTEM && c.code === 'referral') ?? false;

/**
 * When the recipient must answer (accept or decline) a referral still waiting for them: the server sets it from
 * the priority and the programme's working week and time zone, so a client only compares it with the clock.
 */
export function answerDueOf(task: Task): string | undefined {
  return task.status === 'requested' ? task.extension?.find((e) => e.url === ANSWER_DUE_URL)?.valueDateTime : undefined;
}

/** Not answered in time: still requested after its answer was due (what `answer-due=lt{now}` finds). */
export function isAnswerOverdue(task: Task, now: Date): boolean {
  const due = answerDueOf(task);
  return due !== undefined && Date.parse(due) < now.getTime();
}

/** The staff of a role the caller may refer to, by name. */
export async function loadRecipients(fhir: FhirClient, role: ReferralRole): Promise<Recipient[]> {
  return (await loadStaff(fhir, [role])).map((member) => ({ practitionerId: member.practitionerId, name: member.name, role }));
}

/**
 * A referral as one transaction: the ServiceRequest (what is asked, of whom) and the Task that carries its
 * workflow (requested → accepted/rejected → in-progress → completed), so neither exists without the other.
 */
export function referralTransaction(draft: ReferralDraft): Bundle {
  const requestUrl = 'urn:uuid:00000000-0000-4000-8000-000000000001';
  const subject = { reference: `Patient/${draft.patientId}` };
  const requester = { reference: `Practitioner/${draft.requesterId}`, ...(draft.requesterName ? { display: draft.requesterName } : {}) };
  const owner = { reference: `Practitioner/${draft.recipient.practitionerId}`, display: draft.recipient.name };
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    priority: draft.priority,
    subject,
    requester,
    performer: [owner],
    authoredOn: new Date().toISOString(),
    ...(draft.reason.trim() ? { reasonCode: [{ text: draft.reason.trim() }], note: [{ text: draft.reason.trim() }] } : {}),
  };
  const task: Task = {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: draft.priority,
    code: { coding: [{ system: TASK_TYPE_SYSTEM, code: 'referral', display: 'Referral' }], text: 'Referral' },
    focus: { reference: requestUrl },
    for: subject,
    authoredOn: new Date().toISOString(),
    requester,
    owner,
    ...(draft.reason.trim() ? { description: draft.reason.trim() } : {}),
  };
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: requestUrl, resource: request, request: { method: 'POST', url: 'ServiceRequest' } },
      { resource: task, request: { method: 'POST', url: 'Task' } },
    ],
  };
}

/** The next states of a referral the recipient can move it to, as the server's machine allows. */
export type InboxAction = 'accept' | 'decline' | 'start' | 'complete';

export function inboxActions(task: Task): InboxAction[] {
  switch (task.status) {
    case 'requested':
      return ['accept', 'decline'];
    case 'accepted':
      return ['start'];
    case 'in-progress':
      return ['complete'];
    default:
      return [];
  }
}

/** The Task after the recipient's move; a decline carries its reason, a completion its outcome note. */
export function movedTask(task: Task, action: InboxAction, note: string): Task {
  switch (action) {
    case 'accept':
      return { ...task, status: 'accepted' };
    case 'start':
      return { ...task, status: 'in-progress' };
    case 'decline':
      return { ...task, status: 'rejected', statusReason: { text: note.trim() } };
    case 'complete':
      return {
        ...task,
        status: 'completed',
        output: [{ type: { coding: [{ system: TASK_PARAMETER_SYSTEM, code: 'referral-outcome' }] }, valueString: note.trim() }],
      };
  }
}

/** Whether a move needs words from the recipient (why declined, what came of it). */
export const needsNote = (action: InboxAction): boolean => action === 'decline' || action === 'complete';
