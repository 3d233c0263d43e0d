import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { primaryName } from '../../beneficiary/patient-names.js';
import { loadPatientRecord, type PatientRecord } from '../../clinical/patient-record.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { screeningInstruments } from '../../questionnaire/instruments.js';
import { Link } from '../../routing/router.js';
import { DemographicsSection } from './DemographicsSection.js';
import { OpenCasesSection } from './OpenCasesSection.js';
import { RiskAlertBanner } from './RiskAlertBanner.js';
import { ScoresSection } from './ScoresSection.js';
import { TasksSection } from './TasksSection.js';

/** A beneficiary's record: alerts first, then who they are, their cases, scores over time and tasks. */
export function PatientPage({ patientId }: { patientId: string }) {
  const { fhir } = useSession();
  const record = useAsync(() => loadPatientRecord(fhir, patientId), [fhir, patientId]);
  return <AsyncContent state={record}>{(loaded) => <PatientRecordView record={loaded} />}</AsyncContent>;
}

function PatientRecordView({ record }: { record: PatientRecord }) {
  const { t } = useI18n();
  const { patient } = record;
  const name = primaryName(patient) ?? t('patient.unnamed');
  usePageTitle(name);
  const patientPath = `/patients/${encodeURIComponent(patient.id ?? '')}`;
  return (
    <>
      <RiskAlertBanner alerts={record.alerts} />
      <div className="page-heading">
        <h1>{name}</h1>
        <nav aria-label={t('patient.screen')} className="actions">
          {screeningInstruments.map((instrument) => (
            <Link key={instrument.slug} to={`${patientPath}/screen/${instrument.slug}`} className="button">
              {t('patient.screenWith', { instrument: instrument.label })}
            </Link>
          ))}
        </nav>
      </div>
      <div className="record-grid">
        <DemographicsSection patient={patient} />
        <OpenCasesSection cases={record.cases} practitioners={record.practitioners} />
        <ScoresSection series={record.scores} />
        <TasksSection tasks={record.tasks} />
      </div>
    </>
  );
}
