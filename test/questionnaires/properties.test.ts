import type { Questionnaire, QuestionnaireItem, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optionWeight } from '../../questionnaires/answer-options.js';
import { loadDefinition, scoreResponse, type Score, type ScoringResult } from '../../questionnaires/index.js';
import { allItems } from '../../questionnaires/questionnaire-items.js';
import { SDQ_SUBSCALE_ITEMS, sdqItemLinkId } from '../../questionnaires/scoring/sdq-items.js';
import { reorderItems, respond, type AnswerSpec } from './fixtures.js';

const INSTRUMENTS = ['PHQ9', 'SRQ20', 'SDQ_P4_17', 'SDQ_T4_17', 'SDQ_P2_4', 'SDQ_T2_4', 'SDQ_S11_17'];
const PROSOCIAL_LINK_IDS = SDQ_SUBSCALE_ITEMS.prosocial.map(sdqItemLinkId);

function choiceItems(questionnaire: Questionnaire): QuestionnaireItem[] {
  return allItems(questionnaire.item).filter((item) => item.type === 'choice' && (item.answerOption?.length ?? 0) > 0);
}

/** Any subset of the choice items answered with any of their options (as option indexes). */
function answerIndexes(questionnaire: Questionnaire): fc.Arbitrary<Record<string, number | undefined>> {
  return fc.record(
    Object.fromEntries(choiceItems(questionnaire).map((item) => [item.linkId, fc.option(fc.nat((item.answerOption?.length ?? 1) - 1), { nil: undefined })])),
  );
}

function toAnswers(questionnaire: Questionnaire, indexes: Record<string, number | undefined>): Record<string, AnswerSpec> {
  const byLinkId = new Map(choiceItems(questionnaire).map((item) => [item.linkId, item]));
  return Object.fromEntries(
    Object.entries(indexes).flatMap(([linkId, index]) => {
      const code = index === undefined ? undefined : byLinkId.get(linkId)?.answerOption?.[index]?.valueCoding?.code;
      return code === undefined ? [] : [[linkId, code]];
    }),
  );
}

function score(questionnaire: Questionnaire, indexes: Record<string, number | undefined>, cutoff?: number): ScoringResult {
  return scoreResponse(questionnaire, respond(questionnaire, toAnswers(questionnaire, indexes), { status: 'in-progress' }), cutoff === undefined ? {} : { srq20Cutoff: cutoff });
}

const valueOf = (scores: readonly Score[], code: string) => {
  const outcome = scores.find((candidate) => candidate.code.code === code)?.outcome;
  return outcome?.status === 'computed' ? outcome.value : undefined;
};

describe.each(INSTRUMENTS)('%s properties', (name) => {
  const questionnaire = loadDefinition(name);
  const weighted = choiceItems(questionnaire).filter((item) => item.answerOption?.every((option) => optionWeight(option) !== undefined));

  it('every computed score is a whole number within its range; a missing one has no band', () => {
    fc.assert(
      fc.property(answerIndexes(questionnaire), (indexes) => {
        for (const result of score(questionnaire, indexes).scores) {
          if (result.outcome.status === 'computed') {
            expect(Number.isInteger(result.outcome.value)).toBe(true);
            expect(result.outcome.value).toBeGreaterThanOrEqual(result.range.min);
            expect(result.outcome.value).toBeLessThanOrEqual(result.range.max);
          } else {
            expect(result.bands).toEqual([]);
          }
        }
      }),
    );
  });

  it('raising the weight of one answer never lowers a difficulty score, nor the prosocial score', () => {
    const itemArbitrary = fc.constantFrom(...weighted);
    fc.assert(
      fc.property(answerIndexes(questionnaire), itemArbitrary, fc.nat(), (indexes, item, pick) => {
        const options = item.answerOption ?? [];
        const current = indexes[item.linkId];
        fc.pre(current !== undefined);
        const currentWeight = optionWeight(options[current ?? 0] ?? {}) ?? 0;
        const higher = options.map((option, index) => ({ index, weight: optionWeight(option) ?? 0 })).filter((option) => option.weight > currentWeight);
        fc.pre(higher.length > 0);
        const raised = { ...indexes, [item.linkId]: higher[pick % higher.length]?.index };
        const before = score(questionnaire, indexes).scores;
        const after = score(questionnaire, raised).scores;
        for (const { code } of before) {
          const [was, now] = [valueOf(before, code.code), valueOf(after, code.code)];
          if (was === undefined || now === undefined) continue;
          // Prosocial rises only with its own items; difficulty scores do not move with prosocial items.
          if (code.code === 'sdq-prosocial' && !PROSOCIAL_LINK_IDS.includes(item.linkId)) expect(now).toBe(was);
          else if (code.code !== 'sdq-prosocial' && PROSOCIAL_LINK_IDS.includes(item.linkId)) expect(now).toBe(was);
          else expect(now).toBeGreaterThanOrEqual(was);
        }
      }),
    );
  });

  it('scores the same whatever the order of the items in the response', () => {
    fc.assert(
      fc.property(answerIndexes(questionnaire), fc.integer(), (indexes, seed) => {
        const response = respond(questionnaire, toAnswers(questionnaire, indexes), { status: 'in-progress' });
        const shuffled = reorderItems(response, (items) => shuffle(items, seed));
        expect(scoreResponse(questionnaire, shuffled)).toEqual(scoreResponse(questionnaire, response));
      }),
    );
  });
});

describe('alerts depend only on the critical item', () => {
  it('PHQ-9: an alert exactly when item 9 is Several days or more, whatever else is answered or missing', () => {
    const phq9 = loadDefinition('PHQ9');
    fc.assert(
      fc.property(answerIndexes(phq9), (indexes) => {
        const item9 = indexes['phq9-9'];
        expect(score(phq9, indexes).alerts.length).toBe(item9 !== undefined && item9 >= 1 ? 1 : 0);
      }),
    );
  });

  it('SRQ-20: an alert exactly when item 17 is Yes, whatever the cut-off; the band follows the cut-off', () => {
    const srq20 = loadDefinition('SRQ20');
    fc.assert(
      fc.property(answerIndexes(srq20), fc.integer({ min: 1, max: 20 }), (indexes, cutoff) => {
        const result = score(srq20, indexes, cutoff);
        expect(result.alerts.length).toBe(indexes['srq20-17'] === 0 ? 1 : 0); // option 0 is Yes
        const total = valueOf(result.scores, 'srq20-total');
        if (total !== undefined) expect(result.scores[0]?.bands[0]?.code).toBe(total >= cutoff ? 'positive' : 'negative');
      }),
    );
  });
});

/** Deterministic shuffle from a seed, so a failing case replays. */
function shuffle(items: QuestionnaireResponseItem[], seed: number): QuestionnaireResponseItem[] {
  const keyed = items.map((item, index) => ({ item, key: Math.sin(seed + index * 7919) }));
  return keyed.sort((a, b) => a.key - b.key).map(({ item }) => item);
}
