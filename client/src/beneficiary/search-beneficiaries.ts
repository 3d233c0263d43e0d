import type { Patient } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';

/**
 * The caseload's name search: every word typed must match a name (the server matches either spelling);
 * without words, the beneficiaries updated most recently. The server leaves out whom the caller may not see.
 */
export async function searchBeneficiaries(fhir: FhirClient, query: string, count: number): Promise<Patient[]> {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const { matches } = await fhir.search<Patient>('Patient', words.length > 0 ? { name: words, _count: String(count) } : { _sort: '-_lastUpdated', _count: String(count) });
  return matches;
}
