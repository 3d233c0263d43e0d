import type { CriticalItemAlert } from '../../../questionnaires/index.js';
import { useI18n } from '../i18n/i18n-context.js';

/**
 * Shown the moment a critical answer is given, before saving: what was answered and what to do now. The live
 * region is always in the page, so the warning appearing in it is announced at once by screen readers; it
 * stays on screen while the form scrolls.
 */
export function CriticalAnswerWarning({ alerts }: { alerts: readonly CriticalItemAlert[] }) {
  const { t } = useI18n();
  return (
    <div role="alert" className={alerts.length > 0 ? 'critical-warning' : undefined}>
      {alerts.length > 0 ? (
        <>
          <p className="critical-warning__title">{t('critical.title')}</p>
          <ul className="critical-warning__items">
            {alerts.map((alert) => (
              <li key={alert.linkId}>{t('critical.answered', { item: alert.itemText ?? alert.linkId })}</li>
            ))}
          </ul>
          <p className="critical-warning__next">{t('critical.nextTitle')}</p>
          <ol>
            <li>{t('critical.stepAsk')}</li>
            <li>{t('critical.stepStay')}</li>
            <li>{t('critical.stepSave')}</li>
          </ol>
        </>
      ) : null}
    </div>
  );
}
