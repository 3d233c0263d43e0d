import type { Patient } from '@medplum/fhirtypes';
import type { CaseloadFacts } from '../clinical/caseload-summary.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Link } from '../routing/router.js';
import { PatientAge } from './PatientAge.js';
import { GovernorateName } from './coded-names.js';
import { namesOf } from './patient-names.js';
import { registrationSiteOf } from './registration-site.js';
import { usePatientName } from './PatientName.js';

function PatientRow({ patient, facts }: { patient: Patient; facts: CaseloadFacts | undefined }) {
  const { t, formatDate } = useI18n();
  const name = usePatientName(patient);
  const { latin, arabicScript } = namesOf(patient);
  const otherName = name === latin ? arabicScript : latin;
  const site = registrationSiteOf(patient);
  return (
    <tr>
      <th scope="row" data-label={t('patient.name')}>
        <Link to={`/patients/${encodeURIComponent(patient.id ?? '')}`}>
          <bdi>{name}</bdi>
        </Link>
        {otherName ? (
          <span className="table__aside">
            <bdi>{otherName}</bdi>
          </span>
        ) : null}
      </th>
      <td data-label={t('patient.age')}>
        <PatientAge patient={patient} />
      </td>
      <td data-label={t('caseload.site')}>
        {site ? <bdi>{site}</bdi> : null}
        {site ? ' · ' : null}
        <GovernorateName value={patient.address?.[0]?.state} />
      </td>
      <td data-label={t('caseload.risk')}>
        {facts?.suicideRisk ? <span className="badge badge--urgent">{t('caseload.suicideRisk')}</span> : null}
        {facts && facts.otherAlerts > 0 ? <span className="badge">{t('caseload.alerts', { count: facts.otherAlerts })}</span> : null}
      </td>
      <td data-label={t('caseload.nextDue')}>{facts?.nextDue ? formatDate(facts.nextDue) : ''}</td>
    </tr>
  );
}

/**
 * Beneficiaries as rows: name (in the interface's script, the other spelling under it), age, site, risk and
 * what is due next; each name opens the record. On a phone each row becomes a card (styles.css, .table--stack).
 */
export function PatientTable({ patients, caption, facts }: { patients: readonly Patient[]; caption: string; facts?: ReadonlyMap<string, CaseloadFacts> }) {
  const { t } = useI18n();
  return (
    <table className="table table--stack">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('patient.name')}</th>
          <th scope="col">{t('patient.age')}</th>
          <th scope="col">{t('caseload.site')}</th>
          <th scope="col">{t('caseload.risk')}</th>
          <th scope="col">{t('caseload.nextDue')}</th>
        </tr>
      </thead>
      <tbody>
        {patients.map((patient) => (
          <PatientRow key={patient.id} patient={patient} facts={facts?.get(`Patient/${patient.id ?? ''}`)} />
        ))}
      </tbody>
    </table>
  );
}
