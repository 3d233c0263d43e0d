import type { EpisodeOfCare, Task } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import { FhirError, forbidden, issue, unprocessable } from '../fhir/outcomes.js';
import type { Repository, WriteRule } from '../store/repository.js';
import { caseOf, closedCase, closureRequestProblems } from './case-closure.js';
import { findCaseClinicians } from './case-clinicians.js';
import { importsHistory } from './clinicians.js';
import { isTaskOfType } from './workflow-codes.js';

const DECIDED: ReadonlySet<Task['status']> = new Set<Task['status']>(['completed', 'rejected']);

/**
 * The approval path of closing a case. A caseworker (or anyone holding the case) creates a Task coded
 * case-closure with the case as focus, the reason and the outcome (422 when one is missing); the server
 * addresses it to the site's supervisors (performerType supervisor, each named in restriction.recipient),
 * as it does a risk review. Only a supervisor decides it (403 otherwise): completing it closes the case in
 * the same transaction, through the case's own rules (a risk Flag still unreviewed refuses both); rejecting
 * it leaves the case as it is.
 */
export const caseClosureRule: WriteRule = {
  resourceTypes: ['Task'],
  async beforeWrite(repo, resource, previous) {
    const task = resource as Task;
    if (!isTaskOfType(task, 'case-closure') || importsHistory(repo.caller)) return task;
    const problems = closureRequestProblems(task);
    if (problems.length > 0) throw unprocessable(problems);
    const caller = repo.caller;
    const deciding = DECIDED.has(task.status) && (previous as Task | undefined)?.status !== task.status;
    if (deciding && caller.kind !== 'internal' && !(caller.kind === 'staff' && caller.role === 'supervisor')) {
      throw forbidden("Only a supervisor may approve or reject closing a case (the case-closure Task's performerType)");
    }
    return previous === undefined ? await addressedToSupervisors(repo, task) : task;
  },
  async afterWrite(repo, stored, previous) {
    const task = stored as Task;
    if (!isTaskOfType(task, 'case-closure') || task.status !== 'completed' || (previous as Task | undefined)?.status === 'completed') return;
    if (importsHistory(repo.caller)) return;
    const episode = await caseToClose(repo, task);
    if (episode.status === 'finished') return;
    await repo.asServer('case closure approved').update(closedCase(episode, { reference: `Task/${task.id}` }, repo.now()));
  },
};

async function addressedToSupervisors(repo: Repository, task: Task): Promise<Task> {
  const episode = await caseToClose(repo, task);
  const addressees = await findCaseClinicians(repo, episode.patient);
  return {
    ...task,
    for: task.for ?? episode.patient,
    performerType: task.performerType ?? [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor', display: 'Supervisor' }], text: "The site's supervisors" }],
    restriction: { ...task.restriction, ...(task.restriction?.recipient || addressees.supervisors.length === 0 ? {} : { recipient: addressees.supervisors }) },
  };
}

/** The case a closure Task names, as the server reads it; a case that does not exist is the Task's fault (422). */
async function caseToClose(repo: Repository, task: Task): Promise<EpisodeOfCare> {
  try {
    return (await repo.asServer('case to close').read('EpisodeOfCare', caseOf(task) as string)).resource as EpisodeOfCare;
  } catch (err) {
    if (err instanceof FhirError && (err.status === 404 || err.status === 410)) {
      throw unprocessable([issue('not-found', `${task.focus?.reference ?? 'The case'} does not exist`, 'Task.focus')]);
    }
    throw err;
  }
}
