import type { Patient } from '@medplum/fhirtypes';
import { birthYearForAge, ESTIMATED_AGE_URL, type PatientWithBirthDateExtension } from './patient-age.js';
import { humanNameFrom } from './patient-names.js';

export const HIWA_PATIENT_PROFILE = 'https://hiwa.health/fhir/StructureDefinition/hiwa-patient';

/** What the registration form holds, exactly as typed: a refused save gives all of it back unchanged. */
export interface BeneficiaryDraft {
  nameArabicScript: string;
  nameLatin: string;
  gender: '' | 'female' | 'male' | 'other' | 'unknown';
  birthMode: 'date' | 'estimated-age';
  birthDate: string;
  estimatedAge: string;
  governorate: string;
}

export type BeneficiaryField = 'nameArabicScript' | 'nameLatin' | 'gender' | 'birthDate' | 'estimatedAge' | 'governorate';

export const emptyDraft: BeneficiaryDraft = {
  nameArabicScript: '',
  nameLatin: '',
  gender: '',
  birthMode: 'date',
  birthDate: '',
  estimatedAge: '',
  governorate: '',
};

/** An estimated age the form accepts: whole years, 0 to 120. */
export function parseEstimatedAge(text: string): number | undefined {
  if (!/^\d{1,3}$/.test(text.trim())) return undefined;
  const age = Number(text.trim());
  return age <= 120 ? age : undefined;
}

/**
 * The Patient to create. It claims Hiwa's patient profile, so the server checks what the profile requires
 * (a name, a gender) and names each problem in `issue.expression`. Organisation and registration site
 * are filled in by the server from the registering account.
 */
export function patientFromDraft(draft: BeneficiaryDraft, today: Date): Patient {
  const names = [humanNameFrom(draft.nameLatin, 'official'), humanNameFrom(draft.nameArabicScript, 'usual')].filter((name) => name !== undefined);
  const patient: PatientWithBirthDateExtension = {
    resourceType: 'Patient',
    meta: { profile: [HIWA_PATIENT_PROFILE] },
    ...(names.length > 0 ? { name: names } : {}),
    ...(draft.gender ? { gender: draft.gender } : {}),
    ...(draft.governorate ? { address: [{ use: 'home', state: draft.governorate }] } : {}),
  };
  if (draft.birthMode === 'date' && draft.birthDate) patient.birthDate = draft.birthDate;
  const age = draft.birthMode === 'estimated-age' ? parseEstimatedAge(draft.estimatedAge) : undefined;
  if (age !== undefined) {
    patient.birthDate = birthYearForAge(age, today);
    patient._birthDate = { extension: [{ url: ESTIMATED_AGE_URL, valueBoolean: true }] };
  }
  return patient;
}

/** The form field a server issue's FHIRPath points at (`Patient.gender`, `Patient.name[0].given`, …). */
export function fieldOfExpression(expression: string, draft: BeneficiaryDraft): BeneficiaryField | undefined {
  const path = expression.replace(/^Patient\./, '');
  if (path.startsWith('gender')) return 'gender';
  if (path.startsWith('birthDate') || path.startsWith('_birthDate')) return draft.birthMode === 'date' ? 'birthDate' : 'estimatedAge';
  if (path.startsWith('address')) return 'governorate';
  if (path.startsWith('name')) {
    // Names are sent Latin first; an issue about "the name" as a whole goes to the first name field.
    const index = /^name\[(\d+)\]/.exec(path)?.[1];
    const sentLatinFirst = draft.nameLatin.trim() !== '';
    if (index === '1' || (index === '0' && !sentLatinFirst)) return 'nameArabicScript';
    return sentLatinFirst || draft.nameArabicScript.trim() === '' ? 'nameLatin' : 'nameArabicScript';
  }
  return undefined;
}
