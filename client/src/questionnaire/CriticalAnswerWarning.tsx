import type { CriticalItemAlert } from '../../../questionnaires/index.js';
import { useI18n } from '../i18n/i18n-context.js';

/**
 * Shown the moment a critical answer is given, right under the question answered (where the person is
 * looking), before anything is saved: what was answered and what to do now. An alert, so screen readers say
 * it at once.
 */
export function CriticalAnswerWarning({ alert }: { alert: CriticalItemAlert }) {
  const { t, language } = useI18n();
  return (
    <div role="alert" className="critical-warning" lang={language.code} dir={language.dir}>
      <p className="critical-warning__title">{t('critical.title')}</p>
      <p>{t('critical.answered', { item: alert.itemText ?? alert.linkId })}</p>
      <p className="critical-warning__next">{t('critical.nextTitle')}</p>
      <ol>
        <li>{t('critical.stepAsk')}</li>
        <li>{t('critical.stepStay')}</li>
        <li>{t('critical.stepSave')}</li>
      </ol>
    </div>
  );
}
