import type { Coding, QuestionnaireItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { findAnswerOption, optionWeight } from '../answer-options.js';
import { CRITICAL_ITEM_EXTENSION, LOINC } from '../fhir-systems.js';
import type { AnswerIndex } from '../response-answers.js';
import type { CriticalItemAlert } from './types.js';

const YES_CODINGS: readonly Coding[] = [
  { system: LOINC, code: 'LA33-6' },
  { system: 'http://terminology.hl7.org/CodeSystem/v2-0136', code: 'Y' },
];

export function isMarkedCritical(item: QuestionnaireItem): boolean {
  return item.extension?.some((extension) => extension.url === CRITICAL_ITEM_EXTENSION && extension.valueBoolean === true) ?? false;
}

/**
 * Alerts for every critical item answered affirmatively. An item is critical when the instrument's rules
 * name it (`instrumentCriticalLinkIds`, so an alert cannot depend on a definition keeping its extension)
 * or when the definition marks it with the critical-item extension (Hiwa's own forms).
 * Nothing else is consulted: totals and other missing answers never suppress an alert.
 */
export function findCriticalItemAlerts(
  itemsByLinkId: ReadonlyMap<string, QuestionnaireItem>,
  answers: AnswerIndex,
  instrumentCriticalLinkIds: readonly string[],
): CriticalItemAlert[] {
  const markedLinkIds = [...itemsByLinkId.values()].filter(isMarkedCritical).map((item) => item.linkId);
  const criticalLinkIds = [...new Set([...instrumentCriticalLinkIds, ...markedLinkIds])];
  return criticalLinkIds.flatMap((linkId) => {
    const item = itemsByLinkId.get(linkId);
    const answer = item === undefined ? undefined : answers.get(linkId)?.find((candidate) => isAffirmative(item, candidate));
    if (item === undefined || answer === undefined) return [];
    return [{ kind: 'suicide-risk' as const, linkId, ...(item.text === undefined ? {} : { itemText: item.text }), answer }];
  });
}

/**
 * Yes/true, or any option weighted 1 or more: PHQ-9 item 9 "Several days" or more, SRQ-20 item 17 "Yes".
 */
export function isAffirmative(item: QuestionnaireItem, answer: QuestionnaireResponseItemAnswer): boolean {
  if (answer.valueBoolean === true) return true;
  const coding = answer.valueCoding;
  if (coding === undefined) return false;
  if (YES_CODINGS.some((yes) => yes.system === coding.system && yes.code === coding.code)) return true;
  const option = findAnswerOption(item, coding);
  const weight = option === undefined ? undefined : optionWeight(option);
  return weight !== undefined && weight >= 1;
}
