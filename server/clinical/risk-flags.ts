import type { Flag, Reference } from '@medplum/fhirtypes';
import type { Repository } from '../store/repository.js';
import { findResources } from './find-resources.js';
import { isSuicideRiskFlag } from './suicide-risk-flag.js';

/**
 * The patient's suicide-risk Flags still active, i.e. not yet reviewed (only a clinician closes one, see
 * close-risk-flag-rule.ts). Looked up as the server: a case's closure must not depend on what the caller sees.
 */
export async function unreviewedRiskFlags(repo: Repository, patient: Reference | undefined): Promise<Flag[]> {
  if (patient?.reference === undefined) return [];
  const flags = await findResources<Flag>(repo.asServer('unreviewed risk flags'), 'Flag', [['patient', patient.reference]]);
  return flags.filter((f) => f.status === 'active' && isSuicideRiskFlag(f));
}
