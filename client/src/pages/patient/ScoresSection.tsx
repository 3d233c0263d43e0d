import type { ScoreSeries } from '../../clinical/score-series.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ScoreChange } from './ScoreChange.js';
import { ScoreFigure } from './ScoreFigure.js';
import { BandsText, ScoreValue } from './ScoreValue.js';

/**
 * Each measure's latest score, its band(s), date and change since the previous score, then (on the record)
 * each measure's course as a chart over its bands with the results in a table. On a phone the table reads
 * as a list of cards, each value under its column's name (styles.css, .table--stack). Bands are worded by
 * the server, as scored.
 */
export function ScoresSection({ series, headingLevel = 2, charts = true }: { series: readonly ScoreSeries[]; headingLevel?: 2 | 3; charts?: boolean }) {
  const { t, formatDate } = useI18n();
  const charted = charts ? series.filter((measure) => measure.points.some((point) => point.value !== undefined)) : [];
  return (
    <RecordSection id="scores" title={t('scores.title')} emptyText={t('scores.none')} isEmpty={series.length === 0} headingLevel={headingLevel}>
      <table className="table table--stack scores">
        <thead>
          <tr>
            <th scope="col">{t('scores.measure')}</th>
            <th scope="col">{t('scores.latest')}</th>
            <th scope="col">{t('scores.band')}</th>
            <th scope="col">{t('scores.date')}</th>
            {charts ? <th scope="col">{t('scores.change')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {series.map((measure) => {
            const latest = measure.points[measure.points.length - 1];
            return (
              <tr key={measure.key} data-measure={measure.key}>
                <th scope="row">{measure.label}</th>
                <td data-label={t('scores.latest')}>{latest ? <ScoreValue point={latest} /> : null}</td>
                <td data-label={t('scores.band')}><BandsText point={latest} /></td>
                <td data-label={t('scores.date')}>{formatDate(latest?.date)}</td>
                {charts ? (
                  <td data-label={t('scores.change')}>
                    <ScoreChange series={measure} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {charted.length > 0 ? (
        <div className="score-figures">
          {charted.map((measure) => (
            <ScoreFigure key={measure.key} series={measure} />
          ))}
        </div>
      ) : null}
    </RecordSection>
  );
}

