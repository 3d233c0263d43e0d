import type { Patient } from '@medplum/fhirtypes';

const REGISTRATION_SITE = 'https://hiwa.health/fhir/StructureDefinition/registration-site';

/** The site where the beneficiary was registered, by its name (Hiwa's registration-site extension). */
export function registrationSiteOf(patient: Patient): string | undefined {
  return patient.extension?.find((extension) => extension.url === REGISTRATION_SITE)?.valueReference?.display;
}
