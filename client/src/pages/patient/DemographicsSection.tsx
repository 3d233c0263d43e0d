import type { Patient } from '@medplum/fhirtypes';
import { GenderName, GovernorateName } from '../../beneficiary/coded-names.js';
import { isBirthDateEstimated } from '../../beneficiary/patient-age.js';
import { PatientAge } from '../../beneficiary/PatientAge.js';
import { namesOf } from '../../beneficiary/patient-names.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Who the beneficiary is: both spellings of the name, gender, birth date or estimated age, governorate. */
export function DemographicsSection({ patient }: { patient: Patient }) {
  const { t, formatDate } = useI18n();
  const { latin, arabicScript } = namesOf(patient);
  const notRecorded = t('common.notRecorded');
  return (
    <section className="card" aria-labelledby="demographics-title">
      <h2 id="demographics-title">{t('patient.demographics')}</h2>
      <dl className="facts">
        <dt>{t('patient.nameArabic')}</dt>
        <dd dir="auto">{arabicScript ?? notRecorded}</dd>
        <dt>{t('patient.nameLatin')}</dt>
        <dd>{latin ?? notRecorded}</dd>
        <dt>{t('patient.gender')}</dt>
        <dd>
          <GenderName gender={patient.gender} />
        </dd>
        {patient.birthDate && !isBirthDateEstimated(patient) ? (
          <>
            <dt>{t('patient.birthDate')}</dt>
            <dd>{formatDate(patient.birthDate)}</dd>
          </>
        ) : null}
        <dt>{t('patient.age')}</dt>
        <dd>
          <PatientAge patient={patient} />
        </dd>
        <dt>{t('patient.governorate')}</dt>
        <dd>{patient.address?.[0]?.state ? <GovernorateName value={patient.address[0].state} /> : notRecorded}</dd>
      </dl>
    </section>
  );
}
