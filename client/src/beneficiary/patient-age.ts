import type { Element, Patient } from '@medplum/fhirtypes';

export const ESTIMATED_AGE_URL = 'https://hiwa.health/fhir/StructureDefinition/estimated-age';

/** Patient with the primitive extension of birthDate, which the generated interface does not model. */
export type PatientWithBirthDateExtension = Patient & { _birthDate?: Element };

export function isBirthDateEstimated(patient: Patient): boolean {
  const extensions = (patient as PatientWithBirthDateExtension)._birthDate?.extension ?? [];
  return extensions.some((extension) => extension.url === ESTIMATED_AGE_URL && extension.valueBoolean === true);
}

/** Whole years from a FHIR date (year, year-month or full date) to `today`; undefined without a date. */
export function ageInYears(birthDate: string | undefined, today: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate ?? '');
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  let age = today.getUTCFullYear() - year;
  const birthdayPassed = today.getUTCMonth() + 1 > month || (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  if (!birthdayPassed) age -= 1;
  return Math.max(age, 0);
}

/** The birth year an estimated age stands for; stored at year precision so nobody reads a made-up day. */
export function birthYearForAge(age: number, today: Date): string {
  return String(today.getUTCFullYear() - age).padStart(4, '0');
}
