import { scaleOf, type ScorePoint, type ScoreSeries } from '../../clinical/score-series.js';
import { RecordSection } from '../../components/RecordSection.js';
import { Sparkline } from '../../components/Sparkline.js';
import { useI18n } from '../../i18n/i18n-context.js';

function ScoreValue({ point }: { point: ScorePoint }) {
  const { t } = useI18n();
  if (point.value !== undefined) return <strong>{point.value}</strong>;
  if (point.valueText) return <>{point.computed ? point.valueText : `${t('scores.notComputed')} (${point.valueText})`}</>;
  return <>{t('scores.notComputed')}</>;
}

/**
 * Each measure's latest score and band, its course as a sparkline, and every result in a table that opens
 * on demand. Bands are worded by the server, as scored.
 */
export function ScoresSection({ series, headingLevel = 2 }: { series: readonly ScoreSeries[]; headingLevel?: 2 | 3 }) {
  const { t, formatDate, formatDateTime } = useI18n();
  return (
    <RecordSection id="scores" title={t('scores.title')} emptyText={t('scores.none')} isEmpty={series.length === 0} headingLevel={headingLevel}>
      <table className="table scores">
        <thead>
          <tr>
            <th scope="col">{t('scores.measure')}</th>
            <th scope="col">{t('scores.latest')}</th>
            <th scope="col">{t('scores.band')}</th>
            <th scope="col">{t('scores.date')}</th>
            <th scope="col">{t('scores.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((measure) => {
            const latest = measure.points[measure.points.length - 1];
            const values = measure.points.flatMap((p) => (p.value === undefined ? [] : [p.value]));
            const { min, max } = scaleOf(measure);
            return (
              <tr key={measure.key} data-measure={measure.key}>
                <th scope="row">{measure.label}</th>
                <td>{latest ? <ScoreValue point={latest} /> : null}</td>
                <td>{latest?.band ?? ''}</td>
                <td>{formatDate(latest?.date)}</td>
                <td>
                  {values.length > 0 ? <Sparkline values={values} min={min} max={max} label={t('scores.trendLabel', { measure: measure.label, values: values.join(', ') })} /> : null}
                  {measure.points.length > 1 ? (
                    <details>
                      <summary>{t('scores.history', { measure: measure.label })}</summary>
                      <ul className="score-history">
                        {[...measure.points].reverse().map((point) => (
                          <li key={point.observationId}>
                            {formatDateTime(point.date)}: <ScoreValue point={point} />
                            {point.band ? ` · ${point.band}` : ''}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </RecordSection>
  );
}
