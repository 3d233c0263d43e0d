import type { Patient } from '@medplum/fhirtypes';
import { useI18n } from '../i18n/i18n-context.js';
import { ageInYears, isBirthDateEstimated } from './patient-age.js';

/** Age in years, marked when it comes from an estimate rather than a known birth date. */
export function PatientAge({ patient }: { patient: Patient }) {
  const { t } = useI18n();
  const age = ageInYears(patient.birthDate, new Date());
  if (age === undefined) return <>{t('common.notRecorded')}</>;
  return <>{isBirthDateEstimated(patient) ? t('patient.ageEstimated', { age }) : t('patient.ageYears', { age })}</>;
}
