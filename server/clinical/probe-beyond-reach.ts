import type { Task } from '@medplum/fhirtypes';
import type { Repository } from '../store/repository.js';
import { findCaseClinicians } from './case-clinicians.js';
import { duplicateReviewTask } from './duplicate-review-task.js';
import { findPatientMatches, isLikelyMatch } from './find-patient-matches.js';
import { findResources } from './find-resources.js';
import type { MatchFacts } from './patient-match/match-facts.js';
import { taskTypeToken } from './workflow-codes.js';

/**
 * The duplicate check beyond the caller's reach: the same searches run as the server, and for each likely
 * match the caller could not see, the patient's supervisors get a Task to review it (one open Task per
 * patient, however often it is found). Returns those Tasks' references; nothing about the patients goes
 * back to the caller. Only staff are probed for: a system client registers no one at a site.
 */
export async function probeBeyondReach(repo: Repository, facts: MatchFacts, visibleIds: ReadonlySet<string>, selfId?: string): Promise<string[]> {
  const caller = repo.caller;
  if (caller.kind !== 'staff') return [];
  const server = repo.asServer('duplicate check beyond the caller\'s reach');
  const hidden = (await findPatientMatches(server, facts, selfId)).filter((m) => isLikelyMatch(m) && !visibleIds.has(m.patient.id as string));
  const tasks: string[] = [];
  for (const { patient } of hidden) {
    const patientId = patient.id as string;
    const open = await findResources<Task>(server, 'Task', [
      ['patient', `Patient/${patientId}`],
      ['code', taskTypeToken('duplicate-review')],
      ['status', 'requested,accepted,in-progress'],
    ], 1);
    if (open[0]) {
      tasks.push(`Task/${open[0].id}`);
      continue;
    }
    const { supervisors } = await findCaseClinicians(repo, { reference: `Patient/${patientId}` });
    const task = duplicateReviewTask({ patientId, requester: { reference: `Practitioner/${caller.practitionerId}` }, supervisors, now: repo.now() });
    tasks.push(`Task/${(await server.create(task)).resource.id}`);
  }
  return tasks;
}
