import type { Reference, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { referralConsultation } from '../auth/policy.js';
import { parseReference } from '../fhir/search/index-text.js';
import type { ReferredResource } from '../store/referral-access.js';

/** What the patient's consent says about a referral to this recipient. */
export type ConsentBasis =
  /** a consent allows it (services within the organisation, sharing naming another), until its end if it has one */
  | { kind: 'consent'; until?: string }
  /** none does, but a clinician went ahead for a risk to life */
  | { kind: 'override' }
  /** none does (never given, or withdrawn) */
  | { kind: 'none' };

/** A referral is open while it waits for an answer or is being worked on. */
const OPEN: ReadonlySet<Task['status']> = new Set<Task['status']>(['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold']);
/** Once accepted, the recipient works with the records the referrer chose, and records the consultation. */
const WORKING: ReadonlySet<string> = new Set<string>(referralConsultation.taskStatuses);

/**
 * What the recipient of a referral or transfer Task may read because of it:
 * - the Task itself, always (their inbox keeps what they were asked and how they answered);
 * - from the moment it is requested, while it is open and the consent holds: the referral (the Task's focus,
 *   a ServiceRequest with its reason and summary, or the transferred case) and the Patient it is about;
 * - once accepted, until it closes: the records the referrer chose (ServiceRequest.supportingInfo and the
 *   Task's `input` references), and the records the recipient wrote under it (`recorded`: the consultation
 *   and diagnosis of a patient otherwise beyond their reach, see referralConsultation in server/auth/policy.ts).
 * Nothing else of the patient: a psychiatrist at another site sees exactly what was referred to them.
 */
export function referredResources(
  task: Task & { id: string },
  focus: Resource | undefined,
  basis: ConsentBasis,
  recorded: readonly { resourceType: string; id: string }[] = [],
): ReferredResource[] {
  const itself: ReferredResource = { resourceType: 'Task', id: task.id };
  if (!OPEN.has(task.status) || basis.kind === 'none') return [itself];
  const expires = basis.kind === 'consent' ? basis.until : undefined;
  const chosen = WORKING.has(task.status)
    ? [...(focus?.resourceType === 'ServiceRequest' ? ((focus as ServiceRequest).supportingInfo ?? []) : []), ...(task.input ?? []).map((i) => i.valueReference)]
    : [];
  const written = WORKING.has(task.status) ? recorded : [];
  const referred = [...[task.focus, task.for, ...chosen].flatMap((r) => local(r)), ...written];
  const unique = new Map(referred.map((r) => [`${r.resourceType}/${r.id}`, { ...r, ...(expires === undefined ? {} : { expires }) }]));
  unique.delete(`Task/${task.id}`);
  return [itself, ...unique.values()];
}

function local(reference: Reference | undefined): { resourceType: string; id: string }[] {
  const { targetType, targetId } = parseReference(reference?.reference ?? '');
  return targetType && targetId ? [{ resourceType: targetType, id: targetId }] : [];
}
