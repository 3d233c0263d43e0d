import type { Flag, Task } from '@medplum/fhirtypes';
import { FhirError, forbidden, unprocessable } from '../fhir/outcomes.js';
import type { Repository, WriteRule } from '../store/repository.js';
import { CLINICIANS_IN_WORDS, importsHistory, isClinician } from './clinicians.js';
import { recordedReview, reviewNoteProblems } from './risk-review.js';
import { isSuicideRiskFlag } from './suicide-risk-flag.js';
import { isTaskOfType } from './workflow-codes.js';

/**
 * Recording the review of a suicide risk is completing its risk-review Task: only a clinician may (403), with
 * a note saying what the review found (422 at Task.note). The Flag the Task is about is closed in the same
 * transaction (inactive, period.end now), so the alert and its review never disagree.
 */
export const riskReviewRule: WriteRule = {
  resourceTypes: ['Task'],
  async beforeWrite(repo, resource, previous) {
    const task = resource as Task;
    const before = previous as Task | undefined;
    if (!completesReview(task, before) || importsHistory(repo.caller)) return task;
    const caller = repo.caller;
    if (caller.kind === 'internal') return task;
    if (!isClinician(caller)) throw forbidden(`Only ${CLINICIANS_IN_WORDS} may record the review of a suicide risk`);
    const problems = reviewNoteProblems(task, before);
    if (problems.length > 0) throw unprocessable(problems);
    return recordedReview(task, before, { reviewer: caller.kind === 'staff' ? `Practitioner/${caller.practitionerId}` : undefined, now: repo.now() });
  },
  async afterWrite(repo, stored, previous) {
    const task = stored as Task;
    if (!completesReview(task, previous as Task | undefined) || importsHistory(repo.caller)) return;
    const flag = await reviewedFlag(repo, task);
    if (flag === undefined || flag.status !== 'active' || !isSuicideRiskFlag(flag)) return;
    await repo.asServer('suicide risk reviewed').update<Flag>({ ...flag, status: 'inactive', period: { ...flag.period, end: repo.now().toISOString() } });
  },
};

function completesReview(task: Task, previous: Task | undefined): boolean {
  return isTaskOfType(task, 'risk-review') && task.status === 'completed' && previous?.status !== 'completed';
}

/** The Flag the review is about (its focus), as the server reads it; none when it names none or it is gone. */
async function reviewedFlag(repo: Repository, task: Task): Promise<Flag | undefined> {
  const id = /^Flag\/([A-Za-z0-9\-.]{1,64})$/.exec(task.focus?.reference ?? '')?.[1];
  if (id === undefined) return undefined;
  try {
    return (await repo.asServer('flag of a risk review').read('Flag', id)).resource as Flag;
  } catch (err) {
    if (err instanceof FhirError && (err.status === 404 || err.status === 410)) return undefined;
    throw err;
  }
}
