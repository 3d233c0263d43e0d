import type { Annotation, Reference, Task } from '@medplum/fhirtypes';
import type { StaffRole } from '../auth/principal.js';
import { isOpenTaskStatus } from './open-tasks.js';
import type { RiskAlert } from './risk-alerts.js';
import { taskKindOf } from './task-kinds.js';

/**
 * Who may record the review of a suicide risk and close its alert, and write a safety plan: the server's
 * clinicians (server/clinical/clinicians.ts). A caseworker sees the other steps, not this one.
 */
export const CLINICIAN_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['psychologist', 'psychiatrist', 'supervisor']);

export const isClinicianRole = (role: StaffRole): boolean => CLINICIAN_ROLES.has(role);

/** The open review Tasks an alert was raised with (their focus is the alert's Flag). */
export function reviewTasksOf(alert: Pick<RiskAlert, 'flagId'>, tasks: readonly Task[]): Task[] {
  return tasks.filter((task) => taskKindOf(task) === 'risk-review' && isOpenTaskStatus(task.status) && task.focus?.reference === `Flag/${alert.flagId}`);
}

export interface ToldPerson {
  /** `Practitioner/<id>` or `PractitionerRole/<id>` */
  reference: string;
  /** the name the reference carries, when it does */
  display?: string;
  /** holds the case (the Task's owner), or one of the site's supervisors (a recipient) */
  as: 'clinician' | 'supervisor';
}

/** Who the review Tasks went to: the case's clinician first, then each supervisor named, each once. */
export function whoWasTold(tasks: readonly Task[]): ToldPerson[] {
  const told = new Map<string, ToldPerson>();
  const add = (ref: Reference | undefined, as: ToldPerson['as']) => {
    if (ref?.reference === undefined || told.has(ref.reference)) return;
    told.set(ref.reference, { reference: ref.reference, ...(ref.display ? { display: ref.display } : {}), as });
  };
  for (const task of tasks) add(task.owner, 'clinician');
  for (const task of tasks) for (const recipient of task.restriction?.recipient ?? []) add(recipient, 'supervisor');
  return [...told.values()];
}

export type AlertStepKind = 'write-safety-plan' | 'review-safety-plan' | 'refer-urgently';

export interface AlertSteps {
  /** pages to go to, in the order a clinician takes them */
  links: { kind: AlertStepKind; to: string }[];
  /** whether the signed-in person may record the review (and so close the alert) */
  canRecordReview: boolean;
}

/**
 * The next steps an alert offers the person looking at it: the safety plan (written, or reviewed when one is
 * in force) for clinicians, an urgent referral for anyone who refers, and the review for clinicians while
 * there is a review Task to record it on.
 */
export function alertSteps(patientId: string, options: { role: StaffRole; hasSafetyPlan: boolean; reviewTasks: readonly Task[] }): AlertSteps {
  const patientPath = `/patients/${encodeURIComponent(patientId)}`;
  const clinician = isClinicianRole(options.role);
  const links: AlertSteps['links'] = [
    ...(clinician ? [{ kind: options.hasSafetyPlan ? ('review-safety-plan' as const) : ('write-safety-plan' as const), to: `${patientPath}/forms/safety-plan` }] : []),
    { kind: 'refer-urgently', to: `${patientPath}/refer?priority=urgent` },
  ];
  return { links, canRecordReview: clinician && options.reviewTasks.length > 0 };
}

/** The review Task as the clinician records it: completed, with the review note added (the server stamps who and when). */
export function reviewedTask(task: Task, note: string): Task {
  return { ...task, status: 'completed', note: [...(task.note ?? []), { text: note.trim() }] };
}

export interface RecordedReview {
  taskId: string;
  /** when it was recorded */
  at?: string;
  text: string;
  /** `Practitioner/<id>` of whoever recorded it */
  author?: string;
}

/**
 * Completed review Tasks as the record shows them, newest first: the review is the last note with a time (the
 * server stamps the one recorded with the review; its own note naming who was told has none).
 */
export function recordedReviews(tasks: readonly Task[]): RecordedReview[] {
  return tasks
    .filter((task) => taskKindOf(task) === 'risk-review' && task.status === 'completed')
    .flatMap((task) => {
      const note: Annotation | undefined = (task.note ?? []).filter((n) => n.time !== undefined).at(-1);
      if (note === undefined) return [];
      const at = note.time ?? task.executionPeriod?.end ?? task.lastModified;
      return [{ taskId: task.id ?? '', text: note.text, ...(at ? { at } : {}), ...(note.authorReference?.reference ? { author: note.authorReference.reference } : {}) }];
    })
    .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}
