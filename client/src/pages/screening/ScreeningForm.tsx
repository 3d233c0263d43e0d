import type { Patient, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { AnswerStore } from '../../questionnaire/answer-store.js';
import { buildResponse, unansweredQuestions } from '../../questionnaire/build-response.js';
import { issuesByLinkId } from '../../questionnaire/issues-by-link-id.js';
import { QuestionnaireForm } from '../../questionnaire/QuestionnaireForm.js';

interface ScreeningFormProps {
  patient: Patient;
  questionnaire: Questionnaire;
  store: AnswerStore;
  onSubmitted(response: QuestionnaireResponse): void;
}

interface Refusal {
  byLinkId: Map<string, string[]>;
  general: string[];
}

/**
 * An instrument being answered about a patient, submitted as a completed QuestionnaireResponse pinned to
 * the version answered. Required questions are checked here first; whatever the server still refuses is
 * shown at the question it names.
 */
export function ScreeningForm({ patient, questionnaire, store, onSubmitted }: ScreeningFormProps) {
  const { t } = useI18n();
  const { fhir } = useSession();
  const principal = usePrincipal();
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const unanswered = useSyncExternalStore(store.subscribe, () => unansweredQuestions(questionnaire, store.index(), false).length);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = unansweredQuestions(questionnaire, store.index(), true);
    if (missing.length > 0) {
      setRefusal({ byLinkId: new Map(missing.map((item) => [item.linkId, [t('screening.requiredMissing')]])), general: [] });
      return;
    }
    setSubmitting(true);
    const response = buildResponse(questionnaire, store.index(), {
      subject: { reference: `Patient/${patient.id ?? ''}` },
      author: { reference: `Practitioner/${principal.practitionerId}` },
      authored: new Date().toISOString(),
      status: 'completed',
    });
    try {
      onSubmitted(await fhir.create(response));
    } catch (error) {
      setRefusal(error instanceof ApiError ? issuesByLinkId(error.issues) : { byLinkId: new Map(), general: [describeError(error, t)] });
      setSubmitting(false);
    }
  };

  return (
    <form className="form form--questionnaire" onSubmit={(event) => void submit(event)} noValidate>
      {refusal ? <ErrorSummary title={t('common.fixErrors')} messages={refusal.general} /> : null}
      <QuestionnaireForm questionnaire={questionnaire} store={store} issuesByLinkId={refusal?.byLinkId ?? noIssues} />
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

const noIssues: ReadonlyMap<string, readonly string[]> = new Map();
