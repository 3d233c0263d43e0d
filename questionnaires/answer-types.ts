import type { QuestionnaireItem, QuestionnaireItemAnswerOption, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { findAnswerOption } from './answer-options.js';

export type AnswerValueKey = keyof QuestionnaireResponseItemAnswer & `value${string}`;

const VALUE_KEYS_BY_ITEM_TYPE: Readonly<Record<string, readonly AnswerValueKey[]>> = {
  boolean: ['valueBoolean'],
  decimal: ['valueDecimal'],
  integer: ['valueInteger'],
  date: ['valueDate'],
  dateTime: ['valueDateTime'],
  time: ['valueTime'],
  string: ['valueString'],
  text: ['valueString'],
  url: ['valueUri'],
  attachment: ['valueAttachment'],
  reference: ['valueReference'],
  quantity: ['valueQuantity'],
};

const OPTION_VALUE_KEYS: readonly (keyof QuestionnaireItemAnswerOption & AnswerValueKey)[] = [
  'valueCoding', 'valueString', 'valueInteger', 'valueDate', 'valueTime', 'valueReference',
];

export function answerValueKeys(answer: QuestionnaireResponseItemAnswer): AnswerValueKey[] {
  return (Object.keys(answer) as (keyof QuestionnaireResponseItemAnswer)[]).filter(
    (key): key is AnswerValueKey => key.startsWith('value') && answer[key] !== undefined,
  );
}

/** The answer value[x] an item type accepts; for choices, the types its options use (coding by default). */
export function allowedAnswerKeys(item: QuestionnaireItem): readonly AnswerValueKey[] {
  if (item.type === 'choice' || item.type === 'open-choice') {
    const optionKeys = OPTION_VALUE_KEYS.filter((key) => item.answerOption?.some((option) => option[key] !== undefined));
    const choiceKeys = optionKeys.length === 0 ? ['valueCoding' as const] : optionKeys;
    return item.type === 'open-choice' && !choiceKeys.includes('valueString') ? [...choiceKeys, 'valueString'] : choiceKeys;
  }
  return VALUE_KEYS_BY_ITEM_TYPE[item.type] ?? [];
}

/** The JSON value has the primitive shape its key promises (an integer is whole, a boolean is boolean...). */
export function valueHasRightShape(answer: QuestionnaireResponseItemAnswer, key: AnswerValueKey): boolean {
  const value: unknown = answer[key];
  switch (key) {
    case 'valueBoolean':
      return typeof value === 'boolean';
    case 'valueInteger':
      return Number.isInteger(value);
    case 'valueDecimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'valueDate':
    case 'valueDateTime':
    case 'valueTime':
    case 'valueString':
    case 'valueUri':
      return typeof value === 'string';
    default:
      return typeof value === 'object' && value !== null;
  }
}

/**
 * A choice answer must be one of the item's options (codings by system and code). Items without
 * answerOption (answerValueSet, or non-choice types) and free text in an open-choice are not checked here.
 */
export function isAmongOptions(item: QuestionnaireItem, answer: QuestionnaireResponseItemAnswer, key: AnswerValueKey): boolean {
  const options = item.answerOption;
  if (options === undefined || options.length === 0) return true;
  if (item.type === 'open-choice' && key === 'valueString') return true;
  if (key === 'valueCoding') return answer.valueCoding !== undefined && findAnswerOption(item, answer.valueCoding) !== undefined;
  if (key === 'valueReference') return options.some((option) => option.valueReference?.reference === answer.valueReference?.reference);
  return options.some((option) => optionScalar(option) !== undefined && optionScalar(option) === answer[key]);
}

function optionScalar(option: QuestionnaireItemAnswerOption): string | number | undefined {
  return option.valueString ?? option.valueInteger ?? option.valueDate ?? option.valueTime;
}
