import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { chartBandRanges, chartFrameFor, SCORE_CHART_FRAME, scoreChartGeometry } from '../../clinical/score-chart.js';
import type { ScoreSeries } from '../../clinical/score-series.js';
import { ScoreChart } from '../../components/ScoreChart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ScoreChange } from './ScoreChange.js';
import { BandsText, ScoreValue, useBandName } from './ScoreValue.js';

/**
 * One measure's course: the chart over its bands, the same in words (its bands and cut-offs, the change),
 * and every result in a table that opens on demand: the chart's text alternative with the exact figures.
 */
export function ScoreFigure({ series }: { series: ScoreSeries }) {
  const { t, language, formatDate, formatDateTime, formatNumber } = useI18n();
  const describedBy = `score-chart-${useId().replace(/:/g, '')}`;
  const width = useWidth();
  const geometry = scoreChartGeometry(series, chartFrameFor(width.value));
  const bandName = useBandName();
  const values = geometry.points.map((point) => formatNumber(point.value)).join(', ');
  const ranges = chartBandRanges(series);
  const bandList = [...ranges]
    .sort((a, b) => a.min - b.min)
    // each range isolated left to right, so "10–14" never reads "14–10" in a right-to-left sentence
    .map((range) => t('scores.bandRange', { band: bandName(range.code, range.display), range: `\u2066${range.min === range.max ? formatNumber(range.min) : `${formatNumber(range.min)}–${formatNumber(range.max)}`}\u2069` }))
    .join(language.dir === 'rtl' ? '؛ ' : '; ');
  return (
    <figure className="score-figure" data-measure={series.key}>
      <figcaption className="score-figure__title">{series.label}</figcaption>
      <div ref={width.ref} className="score-figure__chart">
        <ScoreChart
          geometry={geometry}
          label={t('scores.trendLabel', { measure: series.label, values })}
          describedBy={describedBy}
          bandName={bandName}
          formatNumber={formatNumber}
          formatDate={formatDate}
        />
      </div>
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
                <td><BandsText point={point} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The width of an element in CSS pixels, followed as the page resizes. */
function useWidth(): { ref: RefObject<HTMLDivElement | null>; value: number } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [value, setValue] = useState(SCORE_CHART_FRAME.width);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    setValue(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setValue(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, value };
}
