import type { QuestionnaireItem } from '@medplum/fhirtypes';

/** The question as printed: its number (prefix) and text, both from the Questionnaire, never translated here. */
export function itemLabel(item: QuestionnaireItem): string {
  const text = item.text ?? item.linkId;
  return item.prefix ? `${item.prefix}. ${text}` : text;
}

/** A DOM id for an item's control; linkIds may hold characters ids should not. */
export function itemDomId(linkId: string): string {
  return `item-${linkId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
