import { useAsync } from '../../api/use-async.js';
import { readsPsy } from '../../auth/role-pages.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import { consultingRoles } from '../../clinical/consultation.js';
import { loadPatientRecord, type PatientRecord } from '../../clinical/patient-record.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formLabel, recordForms, screeningInstruments } from '../../questionnaire/instruments.js';
import { Link } from '../../routing/router.js';
import { ClinicalNotesSections } from './ClinicalNotesSections.js';
import { ConsentsSection } from './ConsentsSection.js';
import { DemographicsSection } from './DemographicsSection.js';
import { OpenCasesSection } from './OpenCasesSection.js';
import { RiskAlertBanner } from './RiskAlertBanner.js';
import { ScoresSection } from './ScoresSection.js';
import { TasksSection } from './TasksSection.js';

// The safety plan is written by clinicians (the psychologist, the psychiatrist, or the supervisor reviewing).
const SAFETY_PLAN_ROLES = new Set(['psychologist', 'psychiatrist', 'supervisor']);
// Cases are held by those who work with beneficiaries; the supervisor assigns and approves rather than opens.
const CASE_HOLDER_ROLES = new Set(['caseworker', 'psychologist', 'psychiatrist']);

/**
 * A beneficiary's record: alerts first, then who they are, their cases, consents, diagnoses and consultations
 * (for the roles that read them), scores over time and tasks.
 */
export function PatientPage({ patientId }: { patientId: string }) {
  const { fhir } = useSession();
  const record = useAsync(() => loadPatientRecord(fhir, patientId), [fhir, patientId]);
  return <AsyncContent state={record}>{(loaded) => <PatientRecordView record={loaded} onChanged={record.reload} />}</AsyncContent>;
}

function PatientRecordView({ record, onChanged }: { record: PatientRecord; onChanged(): void }) {
  const { t } = useI18n();
  const { role } = usePrincipal();
  const { patient } = record;
  const name = usePatientName(patient);
  usePageTitle(name);
  const patientPath = `/patients/${encodeURIComponent(patient.id ?? '')}`;
  const forms = recordForms.filter((form) => form.slug !== 'safety-plan' || SAFETY_PLAN_ROLES.has(role));
  return (
    <>
      <RiskAlertBanner alerts={record.alerts} />
      <div className="page-heading">
        <h1>
          <bdi>{name}</bdi>
        </h1>
        <nav aria-label={t('patient.screen')} className="actions">
          {screeningInstruments.map((instrument) => (
            <Link key={instrument.slug} to={`${patientPath}/screen/${instrument.slug}`} className="button">
              {t('patient.screenWith', { instrument: formLabel(instrument, t) })}
            </Link>
          ))}
        </nav>
      </div>
      <nav aria-label={t('patient.forms')} className="actions actions--secondary">
        <Link to={`${patientPath}/session`} className="button button--secondary">
          {t('session.record')}
        </Link>
        {consultingRoles.has(role) ? (
          <Link to={`${patientPath}/consultation`} className="button button--secondary">
            {t('consultation.write')}
          </Link>
        ) : null}
        <Link to={`${patientPath}/refer`} className="button button--secondary">
          {t('referral.make')}
        </Link>
        {forms.map((form) => (
          <Link key={form.slug} to={`${patientPath}/forms/${form.slug}`} className="button button--secondary">
            {form.slug === 'consent' ? t('consents.record') : formLabel(form, t)}
          </Link>
        ))}
      </nav>
      <div className="record-grid">
        <DemographicsSection patient={patient} />
        <ConsentsSection consents={record.consents} consentForms={record.consentForms} onChanged={onChanged} />
        <OpenCasesSection
          patient={{ ...patient, id: patient.id ?? '' }}
          cases={record.cases}
          practitioners={record.practitioners}
          canOpen={CASE_HOLDER_ROLES.has(role)}
          onChanged={onChanged}
        />
        {readsPsy(role) ? <ClinicalNotesSections patientId={patient.id ?? ''} /> : null}
        <ScoresSection series={record.scores} />
        <TasksSection tasks={record.tasks} />
      </div>
    </>
  );
}
