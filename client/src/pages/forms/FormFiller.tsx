import type { Patient, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useStoreValue, type AnswerStore } from '../../questionnaire/answer-store.js';
import { buildResponse, unansweredQuestions } from '../../questionnaire/build-response.js';
import { NO_FORM_ISSUES, type FormIssues } from '../../questionnaire/form-context.js';
import { issuesByLinkId } from '../../questionnaire/issues-by-link-id.js';
import { QuestionnaireForm } from '../../questionnaire/QuestionnaireForm.js';
import { useLeaveGuard } from '../../routing/router.js';

interface FormFillerProps {
  patient: Patient;
  questionnaire: Questionnaire;
  store: AnswerStore;
  onSubmitted(response: QuestionnaireResponse): void;
}

interface Refusal {
  issues: FormIssues;
  general: string[];
}

/**
 * A form being answered about a patient, submitted as a completed QuestionnaireResponse pinned to the
 * version answered. Nothing answered is never sent; required questions are checked here first; whatever the
 * server still refuses is shown at the question it names, until that question is answered again.
 */
export function FormFiller({ patient, questionnaire, store, onSubmitted }: FormFillerProps) {
  const { t, describeIssue } = useI18n();
  const { fhir } = useSession();
  const principal = usePrincipal();
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const unanswered = useStoreValue(store, () => unansweredQuestions(questionnaire, store, false).length);
  const answered = useStoreValue(store, () => store.hasAnswers());
  useLeaveGuard(answered && !submitting, t('forms.leaveConfirm'));

  const refuse = (general: string[], byKey: Map<string, string[]> = new Map(), byLinkId: Map<string, string[]> = new Map()) =>
    setRefusal({ general, issues: { byKey, byLinkId, answersThen: store.byKey() } });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!store.hasAnswers()) return refuse([t('forms.nothingAnswered')]);
    const missing = unansweredQuestions(questionnaire, store, true);
    if (missing.length > 0) return refuse([], new Map(missing.map(({ key }) => [key, [t('screening.requiredMissing')]])));
    setSubmitting(true);
    const response = buildResponse(questionnaire, store, {
      subject: { reference: `Patient/${patient.id ?? ''}` },
      author: { reference: `Practitioner/${principal.practitionerId}` },
      authored: new Date().toISOString(),
      status: 'completed',
    });
    try {
      onSubmitted(await fhir.create(response));
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.status !== 0) {
        const { byLinkId, general } = issuesByLinkId(error.issues, describeIssue);
        refuse(general, new Map(), byLinkId);
      } else refuse([t('forms.notSentKept')]);
    }
  };

  return (
    <form className="form form--questionnaire" onSubmit={(event) => void submit(event)} noValidate>
      {refusal ? <ErrorSummary title={t('common.fixErrors')} messages={refusal.general} /> : null}
      <QuestionnaireForm questionnaire={questionnaire} store={store} issues={refusal?.issues ?? NO_FORM_ISSUES} />
      <div className="form__actions">
        <p className="muted" aria-live="polite">
          {unanswered > 0 ? t('screening.unanswered', { count: unanswered }) : null}
        </p>
        <button type="submit" disabled={submitting}>
          {submitting ? t('screening.submitting') : t('screening.submit')}
        </button>
      </div>
    </form>
  );
}
