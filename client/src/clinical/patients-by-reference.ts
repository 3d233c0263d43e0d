import type { Patient } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';

/** The patients named by references such as `Patient/<id>`, in one search, keyed by reference. */
export async function loadPatientsByReference(fhir: FhirClient, references: readonly (string | undefined)[]): Promise<Map<string, Patient>> {
  const ids = [...new Set(references.flatMap((r) => (r?.startsWith('Patient/') ? [r.slice('Patient/'.length)] : [])))];
  if (ids.length === 0) return new Map();
  const { matches } = await fhir.search<Patient>('Patient', { _id: ids.join(','), _count: String(ids.length) });
  return new Map(matches.map((p) => [`Patient/${p.id ?? ''}`, p]));
}
