import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import { readsPsy } from '../../auth/role-pages.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { ageInYears } from '../../beneficiary/patient-age.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import { consultingRoles } from '../../clinical/consultation.js';
import { loadPatientRecord, type PatientRecord } from '../../clinical/patient-record.js';
import { isClinicianRole, reviewTasksOf } from '../../clinical/risk-review.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formLabel, recordForms, screeningInstruments } from '../../questionnaire/instruments.js';
import { offersSdq } from '../../questionnaire/sdq-version-choice.js';
import { Link } from '../../routing/router.js';
import { ClinicalNotesSections } from './ClinicalNotesSections.js';
import { ConsentsSection } from './ConsentsSection.js';
import { DemographicsSection } from './DemographicsSection.js';
import { OpenCasesSection } from './OpenCasesSection.js';
import { RiskAlertBanner } from './RiskAlertBanner.js';
import { RiskAlertFollowUp } from './RiskAlertFollowUp.js';
import { ScoresSection } from './ScoresSection.js';
import { TimelineSection } from './TimelineSection.js';
import { TasksSection } from './TasksSection.js';

// Cases are held by those who work with beneficiaries; the supervisor assigns and approves rather than opens.
const CASE_HOLDER_ROLES = new Set(['caseworker', 'psychologist', 'psychiatrist']);

/**
 * A beneficiary's record: alerts first, then who they are, their cases, consents, diagnoses and consultations
 * (for the roles that read them), scores over time, tasks, and the timeline of what happened.
 */
export function PatientPage({ patientId }: { patientId: string }) {
  const { fhir } = useSession();
  const { t } = useI18n();
  const record = useAsync(() => loadPatientRecord(fhir, patientId), [fhir, patientId]);
  // said here, above the record, as the record is loaded again: the alert the review closed is gone from it
  const [reviewed, setReviewed] = useState(false);
  const onReviewed = () => {
    setReviewed(true);
    record.reload();
  };
  return (
    <>
      <p role="status" className={reviewed && record.status === 'done' ? 'notice' : undefined}>
        {reviewed && record.status === 'done' ? t('risk.reviewRecorded') : ''}
      </p>
      <AsyncContent state={record}>{(loaded) => <PatientRecordView record={loaded} onChanged={record.reload} onReviewed={onReviewed} />}</AsyncContent>
    </>
  );
}

function PatientRecordView({ record, onChanged, onReviewed }: { record: PatientRecord; onChanged(): void; onReviewed(): void }) {
  const { t } = useI18n();
  const { role } = usePrincipal();
  const { patient } = record;
  const name = usePatientName(patient);
  usePageTitle(name);
  const patientPath = `/patients/${encodeURIComponent(patient.id ?? '')}`;
  // The safety plan is written by clinicians (the psychologist, the psychiatrist, or the supervisor reviewing).
  const forms = recordForms.filter((form) => form.slug !== 'safety-plan' || isClinicianRole(role));
  return (
    <>
      <RiskAlertBanner
        alerts={record.alerts}
        followUp={(alert) => (
          <RiskAlertFollowUp
            alert={alert}
            patientId={patient.id ?? ''}
            reviewTasks={reviewTasksOf(alert, record.tasks)}
            hasSafetyPlan={record.hasSafetyPlan}
            staffNames={record.staffNames}
            onReviewed={onReviewed}
          />
        )}
      />
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
          {offersSdq(ageInYears(patient.birthDate, new Date())) ? (
            <Link to={`${patientPath}/screen/sdq`} className="button">
              {t('patient.screenSdq')}
            </Link>
          ) : null}
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
        <TasksSection tasks={record.tasks} reviews={record.reviews} staffNames={record.staffNames} />
        <TimelineSection entries={record.timeline} patientId={patient.id ?? ''} />
      </div>
    </>
  );
}
