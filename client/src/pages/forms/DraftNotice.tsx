import { useI18n } from '../../i18n/i18n-context.js';
import type { DraftedAnswers } from '../../questionnaire/use-drafted-answers.js';

/** Says that answers typed earlier were put back (with a way to start again), or that none are being kept. */
export function DraftNotice({ drafted }: { drafted: DraftedAnswers }) {
  const { t, formatDateTime } = useI18n();
  if (!drafted.kept) return <p className="notice notice--warning">{t('forms.draftNotKept')}</p>;
  if (!drafted.restoredFrom) return null;
  return (
    <div className="notice notice--info" role="status">
      <p>{t('forms.draftRestored', { time: formatDateTime(drafted.restoredFrom) })}</p>
      <button type="button" className="button--secondary" onClick={drafted.discard}>
        {t('forms.discardDraft')}
      </button>
    </div>
  );
}
