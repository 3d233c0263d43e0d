import type { Coding, QuestionnaireItem, QuestionnaireItemAnswerOption } from '@medplum/fhirtypes';
import { ORDINAL_VALUE_EXTENSION } from './fhir-systems.js';

/** Same concept: same code in the same system (both absent counts as the same system). */
export function sameCoding(a: Coding, b: Coding): boolean {
  return a.code === b.code && a.system === b.system;
}

export function findAnswerOption(item: QuestionnaireItem, coding: Coding): QuestionnaireItemAnswerOption | undefined {
  return item.answerOption?.find((option) => option.valueCoding !== undefined && sameCoding(option.valueCoding, coding));
}

/** The option's scoring weight (R4 `ordinalValue`, on the option or on its coding), if it has one. */
export function optionWeight(option: QuestionnaireItemAnswerOption): number | undefined {
  const extensions = [...(option.extension ?? []), ...(option.valueCoding?.extension ?? [])];
  return extensions.find((extension) => extension.url === ORDINAL_VALUE_EXTENSION)?.valueDecimal;
}
