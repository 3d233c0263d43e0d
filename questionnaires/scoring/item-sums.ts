import type { AnswerWeights } from './answer-weights.js';
import type { Score, ScoreOutcome } from './types.js';

/** Sum of every item; missing when any item is unanswered (PHQ-9, SRQ-20: no pro-rating exists). */
export function sumOfAllItems(weights: AnswerWeights, linkIds: readonly string[]): ScoreOutcome {
  const unanswered = linkIds.filter((linkId) => !weights.has(linkId));
  if (unanswered.length === linkIds.length) return { status: 'missing', reason: { kind: 'not-administered' } };
  if (unanswered.length > 0) return { status: 'missing', reason: { kind: 'items-unanswered', linkIds: unanswered } };
  return { status: 'computed', value: sumWeights(weights, linkIds) };
}

/**
 * Mean of the answered items scaled to the full item count, when at least `minimumAnswered` are answered.
 * Computed as round(sum × n / answered) rather than round(mean) × n so that exact halves stay exact
 * (4 answered items summing to 2 → 2.5 → 3); Math.round rounds halves up, as the SDQ authors require.
 */
export function proratedSum(weights: AnswerWeights, linkIds: readonly string[], minimumAnswered: number): ScoreOutcome {
  const answered = linkIds.filter((linkId) => weights.has(linkId));
  const unanswered = linkIds.filter((linkId) => !weights.has(linkId));
  if (answered.length === 0) return { status: 'missing', reason: { kind: 'not-administered' } };
  if (answered.length < minimumAnswered) return { status: 'missing', reason: { kind: 'items-unanswered', linkIds: unanswered } };
  return { status: 'computed', value: Math.round((sumWeights(weights, answered) * linkIds.length) / answered.length) };
}

/** Sum of other scores; missing (naming the missing parts) when any part is missing. */
export function sumOfScores(parts: readonly Score[]): ScoreOutcome {
  const missing = parts.filter((part) => part.outcome.status === 'missing').map((part) => part.code.code);
  if (missing.length > 0) return { status: 'missing', reason: { kind: 'component-missing', components: missing } };
  const total = parts.reduce((sum, part) => sum + (part.outcome.status === 'computed' ? part.outcome.value : 0), 0);
  return { status: 'computed', value: total };
}

function sumWeights(weights: AnswerWeights, linkIds: readonly string[]): number {
  return linkIds.reduce((sum, linkId) => sum + (weights.get(linkId) ?? 0), 0);
}
