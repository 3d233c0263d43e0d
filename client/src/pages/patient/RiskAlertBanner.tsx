import type { ReactNode } from 'react';
import type { RiskAlert } from '../../clinical/risk-alerts.js';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * Active alerts, above everything else on the page. The question and answer that raised an alert are
 * quoted as the form worded them (server text), never re-translated. On the record, `followUp` adds under a
 * suicide-risk alert who was told and what to do next (RiskAlertFollowUp); a form's result shows the alert only.
 */
export function RiskAlertBanner({ alerts, followUp }: { alerts: readonly RiskAlert[]; followUp?: (alert: RiskAlert) => ReactNode }) {
  const { t, formatDateTime } = useI18n();
  if (alerts.length === 0) return null;
  return (
    <div className="risk-alerts">
      {alerts.map((alert) => (
        <section key={alert.flagId} className={alert.isSuicideRisk ? 'risk-alert risk-alert--suicide' : 'risk-alert'} role="alert" aria-labelledby={`alert-${alert.flagId}`}>
          <h2 id={`alert-${alert.flagId}`} className="risk-alert__title">
            <span aria-hidden="true">⚠ </span>
            {alert.isSuicideRisk ? t('risk.activeTitle') : (alert.title ?? t('risk.otherTitle'))}
          </h2>
          {alert.since ? <p>{t('risk.since', { date: formatDateTime(alert.since) })}</p> : null}
          {alert.triggers.map((trigger, index) => (
            <div key={index} className="risk-alert__trigger">
              <p>{t('risk.triggeredBy', { answer: trigger.answer ?? '' })}</p>
              {trigger.questionText ? <blockquote dir="auto">{trigger.questionText}</blockquote> : null}
            </div>
          ))}
          {alert.isSuicideRisk ? <p className="risk-alert__action">{t('risk.reviewToday')}</p> : null}
          {alert.isSuicideRisk && followUp ? followUp(alert) : null}
        </section>
      ))}
    </div>
  );
}
