import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { loadClinicalNotes, type Consultation, type Diagnosis } from '../../clinical/clinical-notes.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';

/**
 * The psychiatric part of a record, for the roles that read it: active diagnoses (with onset and who recorded
 * them) and the consultations, newest first. Shown only to those roles; what the server leaves out is absent.
 */
export function ClinicalNotesSections({ patientId }: { patientId: string }) {
  const { fhir } = useSession();
  const notes = useAsync(() => loadClinicalNotes(fhir, patientId), [fhir, patientId]);
  return (
    <AsyncContent state={notes}>
      {({ diagnoses, consultations }) => (
        <>
          <DiagnosesSection diagnoses={diagnoses} />
          <ConsultationsSection consultations={consultations} />
        </>
      )}
    </AsyncContent>
  );
}

function DiagnosisName({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <span lang="en" dir="ltr">
      <strong>{diagnosis.code}</strong> {diagnosis.display}
    </span>
  );
}

function DiagnosesSection({ diagnoses }: { diagnoses: readonly Diagnosis[] }) {
  const { t, formatDate } = useI18n();
  return (
    <RecordSection id="diagnoses" title={t('diagnoses.title')} emptyText={t('diagnoses.none')} isEmpty={diagnoses.length === 0}>
      <ul className="plain-list">
        {diagnoses.map((diagnosis) => (
          <li key={diagnosis.id} className="diagnosis">
            <p>
              <DiagnosisName diagnosis={diagnosis} />
            </p>
            <p className="muted">
              {diagnosis.onset ? t('diagnoses.onset', { date: formatDate(diagnosis.onset) }) : t('diagnoses.onsetUnknown')}
              {' · '}
              {diagnosis.recordedBy ? (
                <Message id="diagnoses.recordedBy" params={{ date: formatDate(diagnosis.recorded), name: <bdi>{diagnosis.recordedBy}</bdi> }} />
              ) : (
                t('diagnoses.recorded', { date: formatDate(diagnosis.recorded) })
              )}
            </p>
          </li>
        ))}
      </ul>
    </RecordSection>
  );
}

function ConsultationsSection({ consultations }: { consultations: readonly Consultation[] }) {
  const { t, formatDate } = useI18n();
  return (
    <RecordSection id="consultations" title={t('consultations.title')} emptyText={t('consultations.none')} isEmpty={consultations.length === 0}>
      <ul className="plain-list">
        {consultations.map((consultation) => (
          <li key={consultation.id} className="consultation">
            <p>
              <strong>{formatDate(consultation.date)}</strong> · <span lang="en" dir="ltr">{consultation.service}</span>
              {consultation.clinician ? (
                <>
                  {' · '}
                  <Message id="consultations.by" params={{ name: <bdi>{consultation.clinician}</bdi> }} />
                </>
              ) : null}
            </p>
            {consultation.note ? (
              <p className="consultation__note" dir="auto">
                {consultation.note}
              </p>
            ) : null}
            {consultation.diagnoses.length > 0 ? (
              <p>
                {t('consultations.diagnosed')}{' '}
                {consultation.diagnoses.map((diagnosis, index) => (
                  <span key={diagnosis.id}>
                    {index > 0 ? ', ' : ''}
                    <DiagnosisName diagnosis={diagnosis} />
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </RecordSection>
  );
}
