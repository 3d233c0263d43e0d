import type { Patient } from '@medplum/fhirtypes';
import { useI18n } from '../i18n/i18n-context.js';
import { namesOf } from './patient-names.js';

/**
 * The name to show in this interface: in Arabic script when the interface is written right to left and the
 * record has that spelling, else in Latin letters; the other spelling when only that one is recorded.
 */
export function usePatientName(patient: Patient | undefined): string {
  const { t, language } = useI18n();
  if (!patient) return '';
  const { latin, arabicScript } = namesOf(patient);
  const preferred = language.dir === 'rtl' ? (arabicScript ?? latin) : (latin ?? arabicScript);
  return preferred ?? t('patient.unnamed');
}

/** The name isolated for direction (<bdi>), so a Latin name in an Arabic sentence (or the reverse) keeps its order. */
export function PatientName({ patient }: { patient: Patient | undefined }) {
  return <bdi>{usePatientName(patient)}</bdi>;
}
