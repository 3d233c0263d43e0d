import type { Patient } from '@medplum/fhirtypes';
import { useI18n } from '../i18n/i18n-context.js';
import { isGovernorate } from './governorates.js';

/** A governorate in the interface language; a value outside the list is shown as stored. */
export function GovernorateName({ value }: { value: string | undefined }) {
  const { t } = useI18n();
  if (!value) return null;
  return <>{isGovernorate(value) ? t(`governorate.${value}`) : value}</>;
}

export function GenderName({ gender }: { gender: Patient['gender'] }) {
  const { t } = useI18n();
  return <>{gender ? t(`gender.${gender}`) : t('common.notRecorded')}</>;
}
