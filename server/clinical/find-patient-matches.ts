import type { Patient } from '@medplum/fhirtypes';
import type { Repository } from '../store/repository.js';
import { candidateSearches } from './patient-match/candidate-searches.js';
import { matchFacts, type MatchFacts } from './patient-match/match-facts.js';
import { scoreMatch, type MatchResult } from './patient-match/match-score.js';
import { findResources } from './find-resources.js';

/** Rows each candidate search may bring: enough for the commonest names of a programme, never a table. */
const ROWS_PER_SEARCH = 200;

export interface PatientMatch extends MatchResult {
  patient: Patient;
}

/**
 * The Patients `repo` may read that could be the person described, scored, best first; those graded
 * `certainly-not` are left out, and so is the described Patient itself when it names an id. The candidate
 * searches go through the repository, so the caller's access rule is part of their SQL.
 */
export async function findPatientMatches(repo: Repository, facts: MatchFacts, selfId?: string): Promise<PatientMatch[]> {
  const candidates = new Map<string, Patient>();
  for (const params of candidateSearches(facts)) {
    for (const patient of await findResources<Patient>(repo, 'Patient', params, ROWS_PER_SEARCH)) {
      if (patient.id !== undefined && patient.id !== selfId) candidates.set(patient.id, patient);
    }
  }
  return [...candidates.values()]
    .map((patient) => ({ patient, ...scoreMatch(facts, matchFacts(patient)) }))
    .filter((m) => m.grade !== 'certainly-not')
    .sort((a, b) => b.points - a.points || (a.patient.id as string).localeCompare(b.patient.id as string));
}

/** Probable or certain: what the duplicate check reports, and what a supervisor is asked to review. */
export function isLikelyMatch(match: MatchResult): boolean {
  return match.grade === 'certain' || match.grade === 'probable';
}
