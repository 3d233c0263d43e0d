import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { findAnswerOption, optionWeight } from '../answer-options.js';
import type { AnswerIndex } from '../response-answers.js';

/** linkId → weight of the chosen option, for every answered item whose option carries a weight. */
export type AnswerWeights = ReadonlyMap<string, number>;

// The weight comes from the Questionnaire's option (matched by system and code), never from the
// response or from the option's position: the definition is the single source of the scoring key.
// A coding that is not among the options yields no weight, so the item counts as unanswered.
export function readAnswerWeights(itemsByLinkId: ReadonlyMap<string, QuestionnaireItem>, answers: AnswerIndex): AnswerWeights {
  const weights = new Map<string, number>();
  for (const [linkId, itemAnswers] of answers) {
    const item = itemsByLinkId.get(linkId);
    const coding = itemAnswers[0]?.valueCoding;
    if (item === undefined || coding === undefined) continue;
    const option = findAnswerOption(item, coding);
    const weight = option === undefined ? undefined : optionWeight(option);
    if (weight !== undefined) weights.set(linkId, weight);
  }
  return weights;
}
