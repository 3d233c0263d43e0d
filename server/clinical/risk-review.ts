import type { Annotation, OperationOutcomeIssue, Task } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.js';

export interface ReviewContext {
  /** `Practitioner/<id>` of the clinician recording it, when a member of staff does */
  reviewer?: string;
  now: Date;
}

/** The notes a write adds to the Task (the ones the stored version did not have). */
export function addedNotes(task: Task, previous: Task | undefined): Annotation[] {
  return (task.note ?? []).slice(previous?.note?.length ?? 0);
}

/**
 * What a recorded review of a suicide risk must say: the completing write adds a note with the review in
 * words (what was found, what was done). A review without one is no record of a review.
 */
export function reviewNoteProblems(task: Task, previous: Task | undefined): OperationOutcomeIssue[] {
  if (addedNotes(task, previous).some((note) => note.text.trim() !== '')) return [];
  return [issue('required', 'Recording the review of a suicide risk needs a note saying what the review found (a new Task.note with text)', 'Task.note')];
}

/**
 * The review as stored: the new notes carry who wrote them and when (unless given), and the Task says when
 * it was done. Pure: the rule stores it.
 */
export function recordedReview(task: Task, previous: Task | undefined, context: ReviewContext): Task {
  const at = context.now.toISOString();
  const kept = (task.note ?? []).slice(0, previous?.note?.length ?? 0);
  const added = addedNotes(task, previous)
    .filter((note) => note.text.trim() !== '')
    .map((note) => ({
      ...(note.authorReference === undefined && note.authorString === undefined && context.reviewer !== undefined ? { authorReference: { reference: context.reviewer } } : {}),
      ...note,
      text: note.text.trim(),
      time: note.time ?? at,
    }));
  return {
    ...task,
    note: [...kept, ...added],
    lastModified: at,
    executionPeriod: { ...task.executionPeriod, start: task.executionPeriod?.start ?? task.authoredOn ?? at, end: task.executionPeriod?.end ?? at },
  };
}

/**
 * A risk-review Task still open when its alert was closed (by a clinician on the Flag itself, `closedBy`, rather
 * than by recording the review here): cancelled, saying so, so that it leaves the queues (and the supervisors'
 * count of urgent work) without passing for a recorded review.
 */
export function closedWithItsFlag(task: Task, closedBy: string | undefined, now: Date): Task {
  return {
    ...task,
    status: 'cancelled',
    statusReason: { text: `The suicide-risk alert was closed${closedBy === undefined ? '' : ` on the Flag itself by ${closedBy}`}; no review was recorded on this Task` },
    lastModified: now.toISOString(),
  };
}
