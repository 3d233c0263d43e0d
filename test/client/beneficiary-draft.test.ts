import { describe, expect, it } from 'vitest';
import { emptyDraft, fieldOfExpression, patientFromDraft } from '../../client/src/beneficiary/beneficiary-draft.js';
import { ageInYears, isBirthDateEstimated } from '../../client/src/beneficiary/patient-age.js';
import { namesOf } from '../../client/src/beneficiary/patient-names.js';

const today = new Date('2026-06-15T10:00:00Z');

describe('a registration draft as a Patient', () => {
  it('both spellings of the name, the profile, and an estimated age as a birth year marked estimated', () => {
    const draft = { ...emptyDraft, nameLatin: ' Sara  Ahmed Ali ', nameArabicScript: 'سارة أحمد علي', gender: 'female' as const, birthMode: 'estimated-age' as const, estimatedAge: '34', governorate: 'Ninewa' };
    const patient = patientFromDraft(draft, today);
    expect(patient.meta?.profile).toEqual(['https://hiwa.health/fhir/StructureDefinition/hiwa-patient']);
    expect(patient.name?.[0]).toEqual({ use: 'official', text: 'Sara Ahmed Ali', given: ['Sara', 'Ahmed'], family: 'Ali' });
    expect(namesOf(patient)).toEqual({ latin: 'Sara Ahmed Ali', arabicScript: 'سارة أحمد علي' });
    expect(patient.birthDate).toBe('1992');
    expect(isBirthDateEstimated(patient)).toBe(true);
    expect(ageInYears(patient.birthDate, today)).toBe(34);
    expect(patient.address).toEqual([{ use: 'home', state: 'Ninewa' }]);
  });

  it('leaves out what was not given, so the server names what is missing', () => {
    const patient = patientFromDraft(emptyDraft, today);
    expect(patient).toEqual({ resourceType: 'Patient', meta: { profile: ['https://hiwa.health/fhir/StructureDefinition/hiwa-patient'] } });
  });

  it('puts each server issue at the field its expression names', () => {
    const both = { ...emptyDraft, nameLatin: 'Sara', nameArabicScript: 'سارة' };
    expect(fieldOfExpression('Patient.gender', both)).toBe('gender');
    expect(fieldOfExpression('Patient.birthDate', both)).toBe('birthDate');
    expect(fieldOfExpression('Patient.birthDate', { ...both, birthMode: 'estimated-age' })).toBe('estimatedAge');
    expect(fieldOfExpression('Patient.address[0].state', both)).toBe('governorate');
    expect(fieldOfExpression('Patient.name[1].given', both)).toBe('nameArabicScript');
    expect(fieldOfExpression('Patient.name[0]', both)).toBe('nameLatin');
    expect(fieldOfExpression('Patient.name[0]', { ...emptyDraft, nameArabicScript: 'سارة' })).toBe('nameArabicScript');
    expect(fieldOfExpression('Patient.telecom', both)).toBeUndefined();
  });

  it('ages count whole years from partial dates too', () => {
    expect(ageInYears('1990-06-16', today)).toBe(35);
    expect(ageInYears('1990-06-15', today)).toBe(36);
    expect(ageInYears('1990-07', today)).toBe(35);
    expect(ageInYears(undefined, today)).toBeUndefined();
  });
});
