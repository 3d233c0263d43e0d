import type {
  Coding,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import { optionWeight } from '../../questionnaires/answer-options.js';
import { indexItemsByLinkId } from '../../questionnaires/questionnaire-items.js';

/** How a test names an answer: an option code, an option's weight, or a plain value for non-choice items. */
export type AnswerSpec = string | boolean | number | { weight: number } | readonly AnswerSpec[];

export interface ResponseOptions {
  status?: QuestionnaireResponse['status'];
  id?: string;
}

export const PATIENT = { reference: 'Patient/p1' } as const;
export const ENCOUNTER = { reference: 'Encounter/e1' } as const;
export const AUTHORED = '2025-03-01T09:30:00Z';

/**
 * A response shaped like a renderer makes it: items nested as in the Questionnaire, only answered ones present.
 */
export function respond(questionnaire: Questionnaire, answers: Readonly<Record<string, AnswerSpec>>, options: ResponseOptions = {}): QuestionnaireResponse {
  const itemsByLinkId = indexItemsByLinkId(questionnaire);
  for (const linkId of Object.keys(answers)) {
    if (!itemsByLinkId.has(linkId)) throw new Error(`test names an unknown linkId ${linkId}`);
  }
  const build = (items: readonly QuestionnaireItem[] | undefined): QuestionnaireResponseItem[] =>
    (items ?? []).flatMap((item): QuestionnaireResponseItem[] => {
      if (item.type === 'group') {
        const children = build(item.item);
        return children.length === 0 ? [] : [{ linkId: item.linkId, item: children }];
      }
      const spec = answers[item.linkId];
      if (spec === undefined) return [];
      const specs = Array.isArray(spec) ? spec : [spec];
      return [{ linkId: item.linkId, answer: specs.map((one: AnswerSpec) => answerFor(item, one)) }];
    });
  return {
    resourceType: 'QuestionnaireResponse',
    ...(options.id === undefined ? {} : { id: options.id }),
    questionnaire: `${questionnaire.url}|${questionnaire.version}`,
    status: options.status ?? 'completed',
    subject: PATIENT,
    encounter: ENCOUNTER,
    authored: AUTHORED,
    item: build(questionnaire.item),
  };
}

function answerFor(item: QuestionnaireItem, spec: AnswerSpec): QuestionnaireResponseItemAnswer {
  if (typeof spec === 'boolean') return { valueBoolean: spec };
  if (typeof spec === 'number') return item.type === 'decimal' ? { valueDecimal: spec } : { valueInteger: spec };
  if (typeof spec === 'string') {
    if (item.type === 'choice') return { valueCoding: optionCoding(item, (coding) => coding.code === spec, `code ${spec}`) };
    if (item.type === 'date') return { valueDate: spec };
    return { valueString: spec };
  }
  if (Array.isArray(spec)) throw new Error('nested answer lists are not answers');
  const { weight } = spec as { weight: number };
  const option = item.answerOption?.find((candidate) => optionWeight(candidate) === weight);
  if (option?.valueCoding === undefined) throw new Error(`${item.linkId} has no option weighted ${weight}`);
  return { valueCoding: option.valueCoding };
}

function optionCoding(item: QuestionnaireItem, matches: (coding: Coding) => boolean, what: string): Coding {
  const coding = item.answerOption?.map((option) => option.valueCoding).find((candidate) => candidate !== undefined && matches(candidate));
  if (coding === undefined) throw new Error(`${item.linkId} has no option with ${what}`);
  return coding;
}

/** Answers every listed linkId with the option of the given weight. */
export function allWeighted(linkIds: readonly string[], weight: number): Record<string, AnswerSpec> {
  return Object.fromEntries(linkIds.map((linkId) => [linkId, { weight }]));
}

/**
 * Weights for the given items that add up to `total`, filling items with the top weight first
 * (e.g. 5 items, total 5, top 2 → 2, 2, 1, 0, 0). Throws when the total cannot be reached.
 */
export function weightsSumming(linkIds: readonly string[], total: number, topWeight = 2): Record<string, AnswerSpec> {
  if (total < 0 || total > linkIds.length * topWeight) throw new Error(`${total} cannot be made from ${linkIds.length} items`);
  let left = total;
  return Object.fromEntries(
    linkIds.map((linkId) => {
      const weight = Math.min(topWeight, left);
      left -= weight;
      return [linkId, { weight }];
    }),
  );
}

/** Moves every item (at every level) into a new order, as a renderer or a client might send them. */
export function reorderItems(response: QuestionnaireResponse, order: (items: QuestionnaireResponseItem[]) => QuestionnaireResponseItem[]): QuestionnaireResponse {
  const visit = (items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] | undefined =>
    items === undefined ? undefined : order(items.map((item) => ({ ...item, ...(item.item === undefined ? {} : { item: visit(item.item) }) })));
  return { ...response, ...(response.item === undefined ? {} : { item: visit(response.item) }) };
}
