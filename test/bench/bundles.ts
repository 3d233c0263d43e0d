import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { observationSubjectIndex, serviceSubjectIndex, syntheticObservation, syntheticPatient, syntheticService } from '../../seed/synthetic.js';

/** Synthetic records are numbered; each kind below starts at its own offset so records never repeat. */
export function transaction(resources: { resource: Resource; fullUrl?: string }[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map(({ resource, fullUrl }): BundleEntry => ({
      ...(fullUrl ? { fullUrl } : {}),
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}

/** Patients number `from` … `from + count - 1`. */
export function patientBundle(from: number, count: number): Bundle {
  return transaction(Array.from({ length: count }, (_, i) => ({ resource: syntheticPatient(from + i) })));
}

/** Observations number `from` …, each for the seeded Patient the generator assigns it to. */
export function observationBundle(from: number, count: number, patientIds: readonly string[]): Bundle {
  return transaction(
    Array.from({ length: count }, (_, i) => {
      const n = from + i;
      return { resource: syntheticObservation(n, `Patient/${patientIds[observationSubjectIndex(n, patientIds.length)]}`) };
    }),
  );
}

/** Service Encounters number `from` …, each for the seeded Patient the generator assigns it to. */
export function serviceBundle(from: number, count: number, patientIds: readonly string[]): Bundle {
  return transaction(
    Array.from({ length: count }, (_, i) => {
      const n = from + i;
      return { resource: syntheticService(n, `Patient/${patientIds[serviceSubjectIndex(n, patientIds.length)]}`) };
    }),
  );
}

/**
 * What a field team's device uploads after a day offline: new beneficiaries, each with their scores,
 * the scores pointing at their Patient by the entry's temporary urn:uuid.
 */
export function registrationBundle(patientFrom: number, patients: number, scoresEach: number): Bundle {
  const resources: { resource: Resource; fullUrl?: string }[] = [];
  for (let p = 0; p < patients; p++) {
    const n = patientFrom + p;
    const fullUrl = `urn:uuid:00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    resources.push({ resource: syntheticPatient(n), fullUrl });
    for (let s = 0; s < scoresEach; s++) {
      resources.push({ resource: syntheticObservation(n * scoresEach + s, fullUrl) });
    }
  }
  return transaction(resources);
}

/** `Type/id` of each entry a transaction-response reports as created, in entry order. */
export function createdIds(response: Bundle): string[] {
  return (response.entry ?? []).map((e, i) => {
    const location = e.response?.location;
    const match = location ? /([A-Za-z]+\/[A-Za-z0-9\-.]+)\/_history\//.exec(location) : null;
    if (!match) throw new Error(`entry ${i} of the transaction-response has no Location`);
    return match[1];
  });
}
