import type { EpisodeOfCare, OperationOutcomeIssue, Reference, Task } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.js';
import { CASE_CLOSURE_URL, TASK_PARAMETER_SYSTEM, hasCode } from './workflow-codes.js';

/**
 * What a case-closure Task must say before a supervisor can approve it: which case (focus, an
 * EpisodeOfCare), why (reasonCode) and how the person is (input `closure-outcome`, a sentence). Pure: the
 * problems as OperationOutcome issues, none when the request is complete.
 */
export function closureRequestProblems(task: Task): OperationOutcomeIssue[] {
  const problems: OperationOutcomeIssue[] = [];
  if (caseOf(task) === undefined) problems.push(issue('required', 'A case-closure Task names the case to close: focus = EpisodeOfCare/{id}', 'Task.focus'));
  const reason = task.reasonCode;
  if (!(reason?.text?.trim() || reason?.coding?.some((c) => c.code))) {
    problems.push(issue('required', 'A case-closure Task gives the reason for closing (reasonCode, e.g. case-closure-reason goals-met)', 'Task.reasonCode'));
  }
  if (closureOutcome(task) === undefined) {
    problems.push(issue('required', `A case-closure Task gives the outcome: an input of type ${TASK_PARAMETER_SYSTEM}|closure-outcome with a valueString`, 'Task.input'));
  }
  return problems;
}

/** The id of the case a closure Task is about. */
export function caseOf(task: Task): string | undefined {
  return /^EpisodeOfCare\/([A-Za-z0-9\-.]{1,64})$/.exec(task.focus?.reference ?? '')?.[1];
}

function closureOutcome(task: Task): string | undefined {
  const input = task.input?.find((i) => hasCode(i.type, TASK_PARAMETER_SYSTEM, 'closure-outcome'));
  return input?.valueString?.trim() || undefined;
}

/** The case as the approval closes it: finished now, its last status in the history, pointing at the approved Task. */
export function closedCase(episode: EpisodeOfCare, approval: Reference<Task>, now: Date): EpisodeOfCare {
  const at = now.toISOString();
  const since = episode.statusHistory?.at(-1)?.period?.end ?? episode.period?.start;
  return {
    ...episode,
    status: 'finished',
    statusHistory: [...(episode.statusHistory ?? []), { status: episode.status, period: { ...(since ? { start: since } : {}), end: at } }],
    period: { ...episode.period, end: at },
    extension: [...(episode.extension ?? []).filter((e) => e.url !== CASE_CLOSURE_URL), { url: CASE_CLOSURE_URL, valueReference: approval }],
  };
}
