import type { Patient } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import type { BeneficiaryDraft } from './beneficiary-draft.js';

const MATCH_LIMIT = '20';

/** The words of a name long enough to search by (a one-letter word would match half the caseload). */
function searchWords(fullName: string): string[] {
  return fullName.trim().split(/\s+/).filter((word) => word.length >= 2);
}

/**
 * Records that may be the same person, looked for before a new one is created: every word of either
 * spelling of the name must start one of a record's names (repeated `name` parameters must all match),
 * so "Sara Ahmed" also finds "Sara Ali Ahmed". Either spelling finding a record is enough.
 */
export async function findPossibleMatches(fhir: FhirClient, draft: BeneficiaryDraft): Promise<Patient[]> {
  const spellings = [draft.nameLatin, draft.nameArabicScript].map(searchWords).filter((words) => words.length > 0);
  const results = await Promise.all(spellings.map((words) => fhir.search<Patient>('Patient', { name: words, _count: MATCH_LIMIT })));
  const byId = new Map<string, Patient>();
  for (const patient of results.flatMap((result) => result.matches)) {
    if (patient.id) byId.set(patient.id, patient);
  }
  return [...byId.values()];
}
