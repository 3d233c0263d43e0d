import type { Patient, QuestionnaireResponse } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { primaryName } from '../../beneficiary/patient-names.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { directionOf } from '../../i18n/languages.js';
import { createAnswerStore } from '../../questionnaire/answer-store.js';
import { loadInstrument, type ScreeningInstrument } from '../../questionnaire/instruments.js';
import { ScreeningForm } from './ScreeningForm.js';
import { ScreeningResult } from './ScreeningResult.js';

/**
 * Screening a beneficiary with one instrument, worded by the server for the interface language. The
 * answers live here, above the loading of the form, so switching language mid-form keeps them.
 */
export function ScreeningPage({ patientId, instrument }: { patientId: string; instrument: ScreeningInstrument }) {
  const { t, language } = useI18n();
  const { fhir } = useSession();
  const [store] = useState(createAnswerStore);
  const [submitted, setSubmitted] = useState<QuestionnaireResponse>();
  const loaded = useAsync(async () => {
    const [patient, questionnaire] = await Promise.all([fhir.read<Patient>('Patient', patientId), loadInstrument(fhir, instrument, language.code)]);
    return { patient, questionnaire };
  }, [fhir, patientId, instrument, language.code]);
  const patientName = loaded.status === 'done' ? (primaryName(loaded.value.patient) ?? t('patient.unnamed')) : '';
  const title = t('screening.title', { instrument: instrument.label, patient: patientName });
  usePageTitle(title);

  return (
    <>
      <h1>{title}</h1>
      <AsyncContent state={loaded}>
        {({ patient, questionnaire }) => {
          if (submitted) return <ScreeningResult response={submitted} patientName={patientName} />;
          if (!questionnaire) return <p className="notice notice--error">{t('screening.notInstalled')}</p>;
          return (
            <>
              {questionnaire.title ? (
                <p className="questionnaire-title" lang={questionnaire.language} dir={directionOf(questionnaire.language)}>
                  {questionnaire.title}
                </p>
              ) : null}
              <ScreeningForm patient={patient} questionnaire={questionnaire} store={store} onSubmitted={setSubmitted} />
              {questionnaire.copyright ? (
                <p className="muted small" lang={questionnaire.language} dir={directionOf(questionnaire.language)}>
                  {questionnaire.copyright}
                </p>
              ) : null}
            </>
          );
        }}
      </AsyncContent>
    </>
  );
}
