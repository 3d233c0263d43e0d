import { isPhq9Change, scoreChange, type ScorePoint as ChangePoint } from '../../../questionnaires/change.js';
import type { ScoreSeries } from './score-series.js';

/** What the record says about a measure's latest change. */
export interface ScoreChangeSummary {
  /** latest − previous computed score: negative means the score went down */
  difference: number;
  previousValue: number;
  previousDate?: string;
  /**
   * Whether the change is clinically meaningful, by the instrument's agreed threshold (questionnaires/change.ts);
   * undefined when the instrument has none (SRQ-20, SDQ).
   */
  clinicallyMeaningful?: boolean;
}

/**
 * The change between a measure's two latest computed scores, judged by questionnaires/change.ts (the single
 * source of what counts as meaningful). Undefined with fewer than two computed scores or an uncoded measure.
 */
export function latestScoreChange(series: ScoreSeries): ScoreChangeSummary | undefined {
  const { system, code } = series;
  if (system === undefined || code === undefined) return undefined;
  const computed = series.points.flatMap((point): ChangePoint[] =>
    point.value === undefined ? [] : [{ system, code, value: point.value, ...(point.date ? { date: point.date } : {}) }],
  );
  if (computed.length < 2) return undefined;
  const previous = computed[computed.length - 2];
  const change = scoreChange(previous, computed[computed.length - 1], computed[0]);
  return {
    difference: change.difference,
    previousValue: previous.value,
    ...(previous.date ? { previousDate: previous.date } : {}),
    ...(isPhq9Change(change) ? { clinicallyMeaningful: change.clinicallyMeaningful } : {}),
  };
}
