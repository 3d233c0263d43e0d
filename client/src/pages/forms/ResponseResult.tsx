import type { Flag, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { activeAlerts } from '../../clinical/risk-alerts.js';
import { scoreSeriesFrom } from '../../clinical/score-series.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routing/router.js';
import { RiskAlertBanner } from '../patient/RiskAlertBanner.js';
import { ScoresSection } from '../patient/ScoresSection.js';

/**
 * What the server derived from the stored response, in the same transaction: its scores and any alert.
 * Read back rather than computed here, so what is shown is what the record holds.
 */
export function ScreeningResult({ response, patientName }: { response: QuestionnaireResponse; patientName: string }) {
  const { t } = useI18n();
  const { fhir } = useSession();
  const reference = `QuestionnaireResponse/${response.id ?? ''}`;
  const derived = useAsync(async () => {
    const [observations, flags] = await Promise.all([
      fhir.search<Observation>('Observation', { 'derived-from': reference }),
      fhir.search<Flag>('Flag', { detail: reference }),
    ]);
    return { series: scoreSeriesFrom(observations.matches), alerts: activeAlerts(flags.matches) };
  }, [fhir, reference]);
  const patientPath = `/patients/${encodeURIComponent(response.subject?.reference?.replace(/^Patient\//, '') ?? '')}`;
  return (
    <section aria-labelledby="result-title" className="screening-result">
      <h2 id="result-title">{t('screening.resultTitle')}</h2>
      <p role="status">{t('screening.saved')}</p>
      <AsyncContent state={derived}>
        {({ series, alerts }) => (
          <>
            <RiskAlertBanner alerts={alerts} />
            {series.length > 0 ? <ScoresSection series={series} headingLevel={3} charts={false} /> : <p className="muted">{t('screening.noScores')}</p>}
          </>
        )}
      </AsyncContent>
      <p>
        <Link to={patientPath} className="button">
          {t('screening.backToPatient', { patient: patientName })}
        </Link>
      </p>
    </section>
  );
}
