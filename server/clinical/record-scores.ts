import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { Repository } from '../store/repository.js';
import { findResources } from './find-resources.js';

/**
 * Stores the score Observations of a response version. The Observations of any earlier version are marked
 * entered-in-error first (with a note why), so that exactly one set of scores per response is current and
 * the superseded ones stay in the record. Writes are the caller's, in the caller's transaction.
 */
export async function recordScores(repo: Repository, response: QuestionnaireResponse, observations: Observation[]): Promise<void> {
  const reference = `QuestionnaireResponse/${response.id}`;
  // A response's first version has no earlier scores to supersede: its id named nothing before.
  const first = response.meta?.versionId === '1';
  const earlier = first ? [] : await findResources<Observation>(repo.asServer('scores of a response'), 'Observation', [['derived-from', reference]]);
  const version = response.meta?.versionId ?? '?';
  const note = `Superseded: ${reference} was changed (version ${version}, ${repo.now().toISOString()}); its scores were recomputed.`;
  for (const observation of earlier.filter((o) => o.status !== 'entered-in-error')) {
    await repo.update<Observation>({ ...observation, status: 'entered-in-error', note: [...(observation.note ?? []), { text: note }] });
  }
  if (observations.length > 0) await repo.createMany(observations);
}
