import { useId } from 'react';
import { chartBandRanges, scoreChartGeometry } from '../../clinical/score-chart.js';
import type { ScoreSeries } from '../../clinical/score-series.js';
import { ScoreChart } from '../../components/ScoreChart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { en, type MessageKey } from '../../i18n/messages-en.js';
import { ScoreChange } from './ScoreChange.js';
import { bandsText, ScoreValue } from './ScoreValue.js';

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/**
 * One measure's course: the chart over its bands, the same in words (its bands and cut-offs, the change),
 * and every result in a table that opens on demand: the chart's text alternative with the exact figures.
 */
export function ScoreFigure({ series }: { series: ScoreSeries }) {
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const describedBy = `score-chart-${useId().replace(/:/g, '')}`;
  const geometry = scoreChartGeometry(series);
  const bandName = (code: string, display: string) => {
    const key = `band.${code}`;
    return isMessageKey(key) ? t(key) : display;
  };
  const values = geometry.points.map((point) => formatNumber(point.value)).join(', ');
  const ranges = chartBandRanges(series);
  const bandList = [...ranges]
    .sort((a, b) => a.min - b.min)
    .map((range) => t('scores.bandRange', { band: bandName(range.code, range.display), min: range.min, max: range.max }))
    .join('; ');
  return (
    <figure className="score-figure" data-measure={series.key}>
      <figcaption className="score-figure__title">{series.label}</figcaption>
      <ScoreChart
        geometry={geometry}
        label={t('scores.trendLabel', { measure: series.label, values })}
        describedBy={describedBy}
        bandName={bandName}
        formatNumber={formatNumber}
        formatDate={formatDate}
      />
      <p id={describedBy} className="score-figure__words">
        {ranges.length > 0 ? t('scores.chartBands', { bands: bandList }) : t('scores.chartNoBands')}{' '}
        <ScoreChange series={series} />
      </p>
      <details>
        <summary>{t('scores.history', { measure: series.label })}</summary>
        <table className="table score-history">
          <thead>
            <tr>
              <th scope="col">{t('scores.date')}</th>
              <th scope="col">{t('scores.score')}</th>
              <th scope="col">{t('scores.band')}</th>
            </tr>
          </thead>
          <tbody>
            {[...series.points].reverse().map((point) => (
              <tr key={point.observationId}>
                <td>{formatDateTime(point.date)}</td>
                <td>
                  <ScoreValue point={point} />
                </td>
                <td>{bandsText(point)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
