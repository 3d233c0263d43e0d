import type { Consent, Patient, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { FhirClient } from '../../api/fhir-client.js';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { directionOf } from '../../i18n/languages.js';
import { Message } from '../../i18n/Message.js';
import { formLabel, loadInstrument, type FillableForm } from '../../questionnaire/instruments.js';
import { useDraftedAnswers } from '../../questionnaire/use-drafted-answers.js';
import { navigate } from '../../routing/router.js';
import { DraftNotice } from './DraftNotice.js';
import { FormFiller } from './FormFiller.js';

/** Where a saved response is shown: its own address, so going back never reopens a blank form to save twice. */
export const responsePath = (patientId: string, responseId: string): string =>
  `/patients/${encodeURIComponent(patientId)}/responses/${encodeURIComponent(responseId)}`;

/** How many of the beneficiary's consents are in force (that the caller may see). */
async function activeConsents(fhir: FhirClient, patientId: string): Promise<number> {
  const found = await fhir.search<Consent>('Consent', { patient: `Patient/${patientId}`, status: 'active', _summary: 'count' });
  return found.total ?? 0;
}

/**
 * A form filled in about a beneficiary, worded by the server for the interface language. The answers live
 * here, above the loading of the form, so switching language mid-form keeps them; they are kept on the
 * device until submitted.
 */
export function FormPage({ patientId, form }: { patientId: string; form: FillableForm }) {
  const { t, language } = useI18n();
  const { fhir } = useSession();
  const principal = usePrincipal();
  const drafted = useDraftedAnswers({ userId: principal.practitionerId, patientId, form: form.name });
  const loaded = useAsync(async () => {
    const [patient, questionnaire, consentsInForce] = await Promise.all([
      fhir.read<Patient>('Patient', patientId),
      loadInstrument(fhir, form, language.textPackLanguage),
      form.slug === 'consent' ? activeConsents(fhir, patientId) : Promise.resolve(0),
    ]);
    return { patient, questionnaire, consentsInForce };
  }, [fhir, patientId, form, language.textPackLanguage]);
  const patientName = usePatientName(loaded.status === 'done' ? loaded.value.patient : undefined);
  const title = t('forms.responseTitle', { form: formLabel(form, t), patient: patientName });
  usePageTitle(title);

  const submitted = (response: QuestionnaireResponse) => {
    drafted.saved();
    navigate(responsePath(patientId, response.id ?? ''), { replace: true, leaving: 'unguarded' });
  };

  return (
    <>
      <h1>
        <Message id="forms.responseTitle" params={{ form: formLabel(form, t), patient: <bdi>{patientName}</bdi> }} />
      </h1>
      <DraftNotice drafted={drafted} />
      <AsyncContent state={loaded}>
        {({ patient, questionnaire, consentsInForce }) => {
          if (!questionnaire) return <p className="notice notice--error">{t('screening.notInstalled')}</p>;
          return (
            <>
              {/* the server withdraws what an earlier form agreed and this one refuses (consent-extraction-rule.ts) */}
              {consentsInForce > 0 ? <p className="notice notice--info">{t('consents.laterFormWithdraws')}</p> : null}
              {questionnaire.title ? (
                <p className="questionnaire-title" lang={questionnaire.language} dir={directionOf(questionnaire.language)}>
                  {questionnaire.title}
                </p>
              ) : null}
              <FormFiller key={drafted.generation} patient={patient} questionnaire={questionnaire} store={drafted.store} onSubmitted={submitted} />
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
