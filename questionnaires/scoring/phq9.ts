import { LOINC } from '../fhir-systems.js';
import { bandRanges, bandsOf, type BandTable } from './bands.js';
import type { InstrumentScorer } from './instrument-scorer.js';
import { sumOfAllItems } from './item-sums.js';
import type { RecordedAnswer, Score } from './types.js';

export const PHQ9_ITEM_LINK_IDS = ['phq9-1', 'phq9-2', 'phq9-3', 'phq9-4', 'phq9-5', 'phq9-6', 'phq9-7', 'phq9-8', 'phq9-9'] as const;
export const PHQ9_SUICIDE_ITEM_LINK_ID = 'phq9-9';
export const PHQ9_DIFFICULTY_LINK_ID = 'phq9-10';
export const PHQ9_TOTAL_CODE = { system: LOINC, code: '44261-6' } as const;
export const PHQ9_DIFFICULTY_CODE = { system: LOINC, code: '69722-7' } as const;

/** Kroenke, Spitzer & Williams 2001. */
export const PHQ9_BAND_TABLE: BandTable = {
  ref: { id: 'phq9-kroenke-2001', title: 'PHQ-9 severity (Kroenke et al. 2001)', provisional: false },
  ranges: bandRanges('0–4 / 5–9 / 10–14 / 15–19 / 20–27', [
    { code: 'none-minimal', display: 'None / minimal' },
    { code: 'mild', display: 'Mild' },
    { code: 'moderate', display: 'Moderate' },
    { code: 'moderately-severe', display: 'Moderately severe' },
    { code: 'severe', display: 'Severe' },
  ]),
};

export const phq9Scorer: InstrumentScorer = {
  criticalLinkIds: [PHQ9_SUICIDE_ITEM_LINK_ID],
  score({ weights, answers }) {
    // No pro-rating rule exists for the PHQ-9: any missing item of 1–9 leaves the total absent.
    const outcome = sumOfAllItems(weights, PHQ9_ITEM_LINK_IDS);
    const total: Score = {
      code: PHQ9_TOTAL_CODE,
      title: 'PHQ-9 total score',
      range: { min: 0, max: 27 },
      outcome,
      bands: bandsOf(outcome, [PHQ9_BAND_TABLE]),
    };
    // Item 10 is unweighted and never summed: it is kept as its own coded record when answered.
    const difficulty = answers.get(PHQ9_DIFFICULTY_LINK_ID)?.[0]?.valueCoding;
    const recordedAnswers: RecordedAnswer[] =
      difficulty === undefined
        ? []
        : [{ code: PHQ9_DIFFICULTY_CODE, title: 'PHQ-9 difficulty caused by the problems (item 10)', linkId: PHQ9_DIFFICULTY_LINK_ID, answer: difficulty }];
    return { scores: [total], recordedAnswers };
  },
};
