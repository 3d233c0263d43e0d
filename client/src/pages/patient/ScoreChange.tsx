import { PHQ9_MEANINGFUL_CHANGE } from '../../../../questionnaires/change.js';
import { latestScoreChange } from '../../clinical/score-change-summary.js';
import type { ScoreSeries } from '../../clinical/score-series.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';

/**
 * The change since the previous score and whether it is clinically meaningful by the instrument's agreed
 * threshold (questionnaires/change.ts); for instruments without one, it says so rather than judging.
 */
export function ScoreChange({ series }: { series: ScoreSeries }) {
  const { t, formatDate, formatNumber } = useI18n();
  const change = latestScoreChange(series);
  if (change === undefined) return <span className="muted">{t('scores.noPrevious')}</span>;
  const sign = change.difference > 0 ? '+' : change.difference < 0 ? '−' : '';
  // the sign stays before the number in a right-to-left sentence
  const difference = <bdi dir="ltr" className="score-change__difference">{`${sign}${formatNumber(Math.abs(change.difference))}`}</bdi>;
  const verdict =
    change.clinicallyMeaningful === undefined
      ? t('scores.noThreshold')
      : change.clinicallyMeaningful
        ? t('scores.meaningful', { points: PHQ9_MEANINGFUL_CHANGE })
        : t('scores.notMeaningful', { points: PHQ9_MEANINGFUL_CHANGE });
  return (
    <span className="score-change" data-meaningful={change.clinicallyMeaningful === undefined ? 'unknown' : String(change.clinicallyMeaningful)}>
      <Message id="scores.changeSince" params={{ difference, previous: formatNumber(change.previousValue), date: formatDate(change.previousDate) }} />
      {' · '}
      <span className={change.clinicallyMeaningful ? 'score-change__verdict score-change__verdict--meaningful' : 'score-change__verdict'}>{verdict}</span>
    </span>
  );
}
