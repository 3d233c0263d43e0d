import { familyNames, givenNames } from '../../seed/names.js';
import { randomFor } from '../../seed/prng.js';
import { syntheticPatient } from '../../seed/synthetic.js';
import { registrationBundle } from './bundles.js';
import type { HttpScenario } from './http-load.js';

export const PHQ9_TOTAL = 'http://loinc.org|44261-6';
export const SRQ20_TOTAL = 'https://hiwa.health/fhir/CodeSystem/hiwa-scores|srq20-total';

/** Record numbers for resources the write scenarios create, far beyond the seeded ones. */
const CREATE_FROM = 10_000_000;
const TRANSACTION_FROM = 20_000_000;

/** Names a caseworker types when searching before registering someone: given or family names, both scripts. */
export const searchNames: readonly string[] = [
  ...Object.values(givenNames).flatMap((byGender) => [...byGender.male, ...byGender.female]),
  ...Object.values(familyNames).flat(),
].flatMap((name) => [name.latin, name.arabic]);

/** The read and search scenarios: requests spread over the whole seeded data set. */
export function readScenarios(patientIds: readonly string[], seed: number) {
  const rnd = randomFor(seed, 'bench-requests', 0);
  const anyPatient = (): string => patientIds[Math.floor(rnd.next() * patientIds.length)];
  let names = 0;
  let codes = 0;
  return {
    readById: {
      method: 'GET',
      connections: 4,
      next: () => ({ path: `/fhir/R4/Patient/${anyPatient()}` }),
    },
    searchPatientByName: {
      method: 'GET',
      connections: 4,
      next: () => ({ path: `/fhir/R4/Patient?name=${encodeURIComponent(searchNames[names++ % searchNames.length])}` }),
    },
    searchObservationBySubjectAndCode: {
      method: 'GET',
      connections: 4,
      next: () => {
        const code = codes++ % 2 === 0 ? PHQ9_TOTAL : SRQ20_TOTAL;
        return { path: `/fhir/R4/Observation?subject=Patient/${anyPatient()}&code=${encodeURIComponent(code)}` };
      },
    },
  } satisfies Record<string, HttpScenario>;
}

/** Entries of the transaction scenario: 20 new beneficiaries with 4 scores each. */
export const TRANSACTION_PATIENTS = 20;
export const TRANSACTION_SCORES_EACH = 4;
export const TRANSACTION_ENTRIES = TRANSACTION_PATIENTS * (1 + TRANSACTION_SCORES_EACH);

/** The write scenarios: every request a new, different resource (or set of resources). */
export function writeScenarios() {
  let created = 0;
  let bundles = 0;
  return {
    create: {
      method: 'POST',
      connections: 4,
      next: () => ({ path: '/fhir/R4/Patient', body: JSON.stringify(syntheticPatient(CREATE_FROM + created++)) }),
    },
    transaction: {
      method: 'POST',
      connections: 2,
      next: () => {
        const from = TRANSACTION_FROM + bundles++ * TRANSACTION_PATIENTS;
        return { path: '/fhir/R4', body: JSON.stringify(registrationBundle(from, TRANSACTION_PATIENTS, TRANSACTION_SCORES_EACH)) };
      },
    },
  } satisfies Record<string, HttpScenario>;
}
