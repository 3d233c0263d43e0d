import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { isEnabled } from '../../../questionnaires/enable-when.js';
import type { AnswerStore } from './answer-store.js';
import { entryPrefix, itemKey } from './item-keys.js';

export interface ResponseContext {
  subject: NonNullable<QuestionnaireResponse['subject']>;
  author: NonNullable<QuestionnaireResponse['author']>;
  authored: string;
  status: QuestionnaireResponse['status'];
}

/** What building a response reads from a store. */
export type AnswerSource = Pick<AnswerStore, 'get' | 'index' | 'entries'>;

/** A question still to answer: the item and where its answer lives. */
export interface UnansweredQuestion {
  key: string;
  item: QuestionnaireItem;
}

const isQuestion = (item: QuestionnaireItem): boolean => item.type !== 'group' && item.type !== 'display';

/** The prefixes of a group's items: the group's own for a plain group, one per entry for a repeating one. */
function groupPrefixes(item: QuestionnaireItem, prefix: string, answers: AnswerSource): string[] {
  if (item.repeats !== true) return [prefix];
  const groupKey = itemKey(prefix, item.linkId);
  return answers.entries(groupKey).map((id) => entryPrefix(groupKey, id));
}

/**
 * The QuestionnaireResponse for the answers given: nested as the Questionnaire is (one response item per
 * entry of a repeating group), answered and enabled items only, pinned to `url|version` so the server checks
 * and scores it against exactly that version.
 */
export function buildResponse(questionnaire: Questionnaire, answers: AnswerSource, context: ResponseContext): QuestionnaireResponse {
  const index = answers.index();
  const build = (items: readonly QuestionnaireItem[] | undefined, prefix: string): QuestionnaireResponseItem[] =>
    (items ?? []).flatMap((item): QuestionnaireResponseItem[] => {
      if (!isEnabled(item, index)) return [];
      if (item.type === 'group') {
        return groupPrefixes(item, prefix, answers).flatMap((inner) => {
          const children = build(item.item, inner);
          return children.length > 0 ? [{ linkId: item.linkId, item: children }] : [];
        });
      }
      const given = isQuestion(item) ? answers.get(itemKey(prefix, item.linkId)) : [];
      return given.length > 0 ? [{ linkId: item.linkId, answer: [...given] }] : [];
    });
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: `${questionnaire.url}|${questionnaire.version}`,
    status: context.status,
    subject: context.subject,
    author: context.author,
    authored: context.authored,
    item: build(questionnaire.item, ''),
  };
}

/**
 * The enabled questions still without an answer, in form order; `requiredOnly` keeps those that must be.
 * The required items of an optional group (or of one entry of a repeating group) are required only once
 * something in it is answered: an untouched optional section asks nothing.
 */
export function unansweredQuestions(questionnaire: Questionnaire, answers: AnswerSource, requiredOnly: boolean): UnansweredQuestion[] {
  const index = answers.index();
  const hasAnyAnswer = (items: readonly QuestionnaireItem[] | undefined, prefix: string): boolean =>
    (items ?? []).some((item) =>
      item.type === 'group'
        ? groupPrefixes(item, prefix, answers).some((inner) => hasAnyAnswer(item.item, inner))
        : answers.get(itemKey(prefix, item.linkId)).length > 0,
    );
  const walk = (items: readonly QuestionnaireItem[] | undefined, prefix: string): UnansweredQuestion[] =>
    (items ?? []).flatMap((item) => {
      if (!isEnabled(item, index)) return [];
      if (item.type === 'group') {
        return groupPrefixes(item, prefix, answers).flatMap((inner) =>
          requiredOnly && item.required !== true && !hasAnyAnswer(item.item, inner) ? [] : walk(item.item, inner),
        );
      }
      const key = itemKey(prefix, item.linkId);
      if (!isQuestion(item) || answers.get(key).length > 0) return [];
      return !requiredOnly || item.required === true ? [{ key, item }] : [];
    });
  return walk(questionnaire.item, '');
}
