import type { Questionnaire } from '@medplum/fhirtypes';
import { scoreResponse, type Score } from '../../questionnaires/index.js';
import { SDQ_INTERFERENCE_LINK_IDS, SDQ_SUBSCALE_ITEMS, sdqItemLinkId, type SdqScale, type SdqSubscale } from '../../questionnaires/scoring/sdq-items.js';
import { respond, weightsSumming, type AnswerSpec } from './fixtures.js';

export function subscaleLinkIds(scale: SdqSubscale): string[] {
  return SDQ_SUBSCALE_ITEMS[scale].map(sdqItemLinkId);
}

export const DIFFICULTY_LINK_IDS = (['emotional', 'conduct', 'hyperactivity', 'peer'] as const).flatMap(subscaleLinkIds);

export function impactLinkIds(questionnaire: Questionnaire): string[] {
  const teacher = questionnaire.name?.startsWith('SDQ_T') ?? false;
  return ['sdq-impact-distress', ...(teacher ? SDQ_INTERFERENCE_LINK_IDS.teacher : SDQ_INTERFERENCE_LINK_IDS.parentOrSelf)];
}

/** Raw answers that make `scale` come out at `value` (other scales are left unanswered unless they are parts). */
export function answersGiving(questionnaire: Questionnaire, scale: SdqScale, value: number): Record<string, AnswerSpec> {
  switch (scale) {
    case 'total':
      return weightsSumming(DIFFICULTY_LINK_IDS, value);
    case 'externalising':
      return weightsSumming([...subscaleLinkIds('conduct'), ...subscaleLinkIds('hyperactivity')], value);
    case 'internalising':
      return weightsSumming([...subscaleLinkIds('emotional'), ...subscaleLinkIds('peer')], value);
    case 'impact':
      return { 'sdq-impact-overall': 'yes-definite', ...weightsSumming(impactLinkIds(questionnaire), value) };
    default:
      return weightsSumming(subscaleLinkIds(scale), value);
  }
}

export function sdqScore(questionnaire: Questionnaire, answers: Record<string, AnswerSpec>, scale: SdqScale): Score {
  const score = scoreResponse(questionnaire, respond(questionnaire, answers)).scores.find((candidate) => candidate.code.code === `sdq-${scale}`);
  if (score === undefined) throw new Error(`no sdq-${scale} score`);
  return score;
}
