import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';

/** Every item of a Questionnaire, nested ones included, keyed by linkId (linkIds are unique per Questionnaire). */
export function indexItemsByLinkId(questionnaire: Questionnaire): ReadonlyMap<string, QuestionnaireItem> {
  const byLinkId = new Map<string, QuestionnaireItem>();
  for (const item of allItems(questionnaire.item)) byLinkId.set(item.linkId, item);
  return byLinkId;
}

/** Depth-first, in document order. */
export function allItems(items: readonly QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((item) => [item, ...allItems(item.item)]);
}
