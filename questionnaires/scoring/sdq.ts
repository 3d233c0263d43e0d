import { bandsOf } from './bands.js';
import type { AnswerWeights } from './answer-weights.js';
import type { InstrumentScorer } from './instrument-scorer.js';
import { proratedSum, sumOfScores } from './item-sums.js';
import {
  SDQ_COMPOSITE_PARTS,
  SDQ_IMPACT_DISTRESS_LINK_ID,
  SDQ_IMPACT_OVERALL_LINK_ID,
  SDQ_SCALE_TITLES,
  SDQ_SUBSCALE_ITEMS,
  sdqItemLinkId,
  sdqScoreCode,
  type SdqComposite,
  type SdqScale,
  type SdqSubscale,
} from './sdq-items.js';
import type { SdqVersion } from './sdq-versions.js';
import type { Score, ScoreOutcome } from './types.js';

/** A scale score needs at least 3 of its 5 items (then pro-rated to 5). */
const SDQ_MINIMUM_ANSWERED = 3;
const SUBSCALES: readonly SdqSubscale[] = ['emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial'];
const COMPOSITES: readonly SdqComposite[] = ['total', 'externalising', 'internalising'];
const UNBANDED_SCALES: readonly SdqScale[] = ['externalising', 'internalising'];

/** One engine for all five SDQ versions; the version supplies the informant's impact items and norm tables. */
export function sdqScorer(version: SdqVersion): InstrumentScorer {
  return {
    criticalLinkIds: [], // the SDQ has no risk item
    score: ({ weights }) => ({ scores: scoreSdq(version, weights), recordedAnswers: [] }),
  };
}

function scoreSdq(version: SdqVersion, weights: AnswerWeights): Score[] {
  // Reverse-scored items (7, 11, 14, 21, 25) need no special case here: their options carry 2, 1, 0.
  const subscaleScore = (scale: SdqSubscale): Score =>
    sdqScore(version, scale, 10, proratedSum(weights, SDQ_SUBSCALE_ITEMS[scale].map(sdqItemLinkId), SDQ_MINIMUM_ANSWERED));
  const compositeScore = (composite: SdqComposite): Score => {
    const parts = SDQ_COMPOSITE_PARTS[composite].map(subscaleScore);
    return sdqScore(version, composite, parts.length * 10, sumOfScores(parts));
  };
  const impact = sdqScore(version, 'impact', impactLinkIds(version).length * 2, impactOutcome(version, weights));
  return [...SUBSCALES.map(subscaleScore), ...COMPOSITES.map(compositeScore), impact];
}

function sdqScore(version: SdqVersion, scale: SdqScale, max: number, outcome: ScoreOutcome): Score {
  const tables = version.bandTables.flatMap((table) => {
    const ranges = table.rows[scale];
    return ranges === undefined ? [] : [{ ref: table.ref, ranges }];
  });
  const bands = bandsOf(outcome, tables);
  const unbanded = outcome.status === 'computed' && bands.length === 0 && !UNBANDED_SCALES.includes(scale);
  return {
    code: sdqScoreCode(scale),
    title: SDQ_SCALE_TITLES[scale],
    range: { min: 0, max },
    outcome,
    bands,
    ...(unbanded ? { bandNote: version.unbandedNote } : {}),
  };
}

function impactLinkIds(version: SdqVersion): readonly string[] {
  return [SDQ_IMPACT_DISTRESS_LINK_ID, ...version.interferenceLinkIds];
}

/**
 * Distress and interference answers are recoded in the definition (Not at all 0, Only a little 0,
 * Quite a lot 1, A great deal 2) and summed, as the published scoring syntax does. Only "No" to the overall
 * question (weight 0) forces the impact to 0; an unanswered overall question does not stop the sum. Every
 * distress and interference item is needed: the syntax gives no pro-rating for the impact score, so a
 * missing one makes it missing rather than guessed.
 */
function impactOutcome(version: SdqVersion, weights: AnswerWeights): ScoreOutcome {
  const linkIds = impactLinkIds(version);
  if (weights.get(SDQ_IMPACT_OVERALL_LINK_ID) === 0) return { status: 'computed', value: 0 };
  const supplementGiven = [SDQ_IMPACT_OVERALL_LINK_ID, ...linkIds].some((linkId) => weights.has(linkId));
  if (!supplementGiven) return { status: 'missing', reason: { kind: 'not-administered' } };
  const unanswered = linkIds.filter((linkId) => !weights.has(linkId));
  if (unanswered.length > 0) return { status: 'missing', reason: { kind: 'items-unanswered', linkIds: unanswered } };
  return { status: 'computed', value: linkIds.reduce((sum, linkId) => sum + (weights.get(linkId) ?? 0), 0) };
}
