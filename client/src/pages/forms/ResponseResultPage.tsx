import type { Patient, QuestionnaireResponse } from '@medplum/fhirtypes';
import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ScreeningResult } from './ResponseResult.js';

/** A saved response's result page: what the record now holds (scores, alert) and the way back to the record. */
export function ResponseResultPage({ patientId, responseId }: { patientId: string; responseId: string }) {
  const { t } = useI18n();
  const { fhir } = useSession();
  const loaded = useAsync(async () => {
    const [patient, response] = await Promise.all([fhir.read<Patient>('Patient', patientId), fhir.read<QuestionnaireResponse>('QuestionnaireResponse', responseId)]);
    return { patient, response };
  }, [fhir, patientId, responseId]);
  const patientName = usePatientName(loaded.status === 'done' ? loaded.value.patient : undefined);
  usePageTitle(t('screening.resultTitle'));
  return (
    <>
      <h1>
        <bdi>{patientName}</bdi>
      </h1>
      <AsyncContent state={loaded}>{({ response }) => <ScreeningResult response={response} patientName={patientName} />}</AsyncContent>
    </>
  );
}
