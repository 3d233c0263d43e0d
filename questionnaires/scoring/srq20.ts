import { HIWA_SCORES_SYSTEM } from '../fhir-systems.js';
import type { BandTable } from './bands.js';
import { bandsOf } from './bands.js';
import type { InstrumentScorer } from './instrument-scorer.js';
import { sumOfAllItems } from './item-sums.js';

export const SRQ20_ITEM_LINK_IDS: readonly string[] = Array.from({ length: 20 }, (_, index) => `srq20-${index + 1}`);
export const SRQ20_SUICIDE_ITEM_LINK_ID = 'srq20-17';
export const SRQ20_TOTAL_CODE = { system: HIWA_SCORES_SYSTEM, code: 'srq20-total', display: 'SRQ-20 total score' } as const;

/** Positive at or above the deployment's cut-off; the cut-off travels with the band so the record says which was used. */
export function srq20BandTable(cutoff: number): BandTable {
  return {
    ref: { id: 'srq20-deployment-cutoff', title: `SRQ-20 deployment cut-off: positive at ${cutoff} or more`, provisional: false, cutoff },
    ranges: [
      { code: 'negative', display: 'Negative', min: 0, max: cutoff - 1 },
      { code: 'positive', display: 'Positive', min: cutoff, max: 20 },
    ],
  };
}

export const srq20Scorer: InstrumentScorer = {
  criticalLinkIds: [SRQ20_SUICIDE_ITEM_LINK_ID],
  score({ weights, settings }) {
    // The raw count of Yes answers is always what is stored; the cut-off only decides the band.
    const outcome = sumOfAllItems(weights, SRQ20_ITEM_LINK_IDS);
    return {
      scores: [{ code: SRQ20_TOTAL_CODE, title: 'SRQ-20 total score', range: { min: 0, max: 20 }, outcome, bands: bandsOf(outcome, [srq20BandTable(settings.srq20Cutoff)]) }],
      recordedAnswers: [],
    };
  },
};
