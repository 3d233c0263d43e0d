import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';

/** The answers of a response keyed by linkId, wherever the item sits (groups, items nested under answers). */
export type AnswerIndex = ReadonlyMap<string, readonly QuestionnaireResponseItemAnswer[]>;

// Scoring reads answers by linkId, never by position, so a response whose items come in any order
// (or are nested differently by a renderer) scores the same.
export function indexAnswersByLinkId(response: QuestionnaireResponse): AnswerIndex {
  const byLinkId = new Map<string, QuestionnaireResponseItemAnswer[]>();
  const visit = (items: readonly QuestionnaireResponseItem[] | undefined): void => {
    for (const item of items ?? []) {
      const answers = item.answer ?? [];
      if (answers.length > 0) byLinkId.set(item.linkId, [...(byLinkId.get(item.linkId) ?? []), ...answers]);
      visit(item.item);
      for (const answer of answers) visit(answer.item);
    }
  };
  visit(response.item);
  return byLinkId;
}
