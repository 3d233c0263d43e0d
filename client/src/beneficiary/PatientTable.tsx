import type { Patient } from '@medplum/fhirtypes';
import { useI18n } from '../i18n/i18n-context.js';
import { Link } from '../routing/router.js';
import { PatientAge } from './PatientAge.js';
import { GovernorateName, GenderName } from './coded-names.js';
import { namesOf } from './patient-names.js';

/** Beneficiaries as rows; each name opens the record. */
export function PatientTable({ patients, caption }: { patients: readonly Patient[]; caption: string }) {
  const { t } = useI18n();
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('patient.nameLatin')}</th>
          <th scope="col">{t('patient.nameArabic')}</th>
          <th scope="col">{t('patient.gender')}</th>
          <th scope="col">{t('patient.age')}</th>
          <th scope="col">{t('patient.governorate')}</th>
        </tr>
      </thead>
      <tbody>
        {patients.map((patient) => {
          const { latin, arabicScript } = namesOf(patient);
          return (
            <tr key={patient.id}>
              <th scope="row">
                <Link to={`/patients/${encodeURIComponent(patient.id ?? '')}`}>{latin ?? arabicScript ?? t('patient.unnamed')}</Link>
              </th>
              <td dir="auto">{arabicScript ?? ''}</td>
              <td>
                <GenderName gender={patient.gender} />
              </td>
              <td>
                <PatientAge patient={patient} />
              </td>
              <td>
                <GovernorateName value={patient.address?.[0]?.state} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
