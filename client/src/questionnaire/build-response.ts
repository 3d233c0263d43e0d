import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { isEnabled } from '../../../questionnaires/enable-when.js';
import type { AnswerIndex } from '../../../questionnaires/response-answers.js';

export interface ResponseContext {
  subject: NonNullable<QuestionnaireResponse['subject']>;
  author: NonNullable<QuestionnaireResponse['author']>;
  authored: string;
  status: QuestionnaireResponse['status'];
}

const isQuestion = (item: QuestionnaireItem): boolean => item.type !== 'group' && item.type !== 'display';

/**
 * The QuestionnaireResponse for the answers given: nested as the Questionnaire is, answered and enabled
 * items only, pinned to `url|version` so the server checks and scores it against exactly that version.
 */
export function buildResponse(questionnaire: Questionnaire, answers: AnswerIndex, context: ResponseContext): QuestionnaireResponse {
  const build = (items: readonly QuestionnaireItem[] | undefined): QuestionnaireResponseItem[] =>
    (items ?? []).flatMap((item): QuestionnaireResponseItem[] => {
      if (!isEnabled(item, answers)) return [];
      if (item.type === 'group') {
        const children = build(item.item);
        return children.length > 0 ? [{ linkId: item.linkId, item: children }] : [];
      }
      const given = isQuestion(item) ? (answers.get(item.linkId) ?? []) : [];
      return given.length > 0 ? [{ linkId: item.linkId, answer: [...given] }] : [];
    });
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: `${questionnaire.url}|${questionnaire.version}`,
    status: context.status,
    subject: context.subject,
    author: context.author,
    authored: context.authored,
    item: build(questionnaire.item),
  };
}

/** The enabled questions still without an answer, in form order; `requiredOnly` keeps those that must be. */
export function unansweredQuestions(questionnaire: Questionnaire, answers: AnswerIndex, requiredOnly: boolean): QuestionnaireItem[] {
  const walk = (items: readonly QuestionnaireItem[] | undefined): QuestionnaireItem[] =>
    (items ?? []).flatMap((item) => {
      if (!isEnabled(item, answers)) return [];
      if (item.type === 'group') return walk(item.item);
      if (!isQuestion(item) || (answers.get(item.linkId)?.length ?? 0) > 0) return [];
      return !requiredOnly || item.required === true ? [item] : [];
    });
  return walk(questionnaire.item);
}
