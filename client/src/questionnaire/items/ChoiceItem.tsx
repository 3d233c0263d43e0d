import type { QuestionnaireItem, QuestionnaireItemAnswerOption, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { ChoiceField, type ChoiceOption } from './ChoiceField.js';

/** A stable key for an option or an answer, whichever value[x] it carries. */
function keyOf(value: QuestionnaireItemAnswerOption | QuestionnaireResponseItemAnswer): string | undefined {
  if ('valueCoding' in value && value.valueCoding) return `coding:${value.valueCoding.system ?? ''}|${value.valueCoding.code ?? ''}`;
  if ('valueString' in value && value.valueString !== undefined) return `string:${value.valueString}`;
  if ('valueInteger' in value && value.valueInteger !== undefined) return `integer:${value.valueInteger}`;
  if ('valueDate' in value && value.valueDate !== undefined) return `date:${value.valueDate}`;
  return undefined;
}

function labelOf(option: QuestionnaireItemAnswerOption): string {
  return option.valueCoding?.display ?? option.valueCoding?.code ?? option.valueString ?? String(option.valueInteger ?? option.valueDate ?? '');
}

/** The answer an option stands for: its value as the Questionnaire states it (coding, string, integer, date). */
function answerOf(option: QuestionnaireItemAnswerOption): QuestionnaireResponseItemAnswer {
  if (option.valueCoding) return { valueCoding: option.valueCoding };
  if (option.valueString !== undefined) return { valueString: option.valueString };
  if (option.valueInteger !== undefined) return { valueInteger: option.valueInteger };
  return { valueDate: option.valueDate };
}

/** State: a choice item's answers, kept as the options' own values; ChoiceField draws it. */
export function ChoiceItem({ item, itemKey }: { item: QuestionnaireItem; itemKey: string }) {
  const [answers, setAnswers] = useItemAnswers(itemKey);
  const issues = useItemIssues(itemKey, item.linkId);
  const options = (item.answerOption ?? []).flatMap((option): (ChoiceOption & { option: QuestionnaireItemAnswerOption })[] => {
    const key = keyOf(option);
    return key === undefined ? [] : [{ key, label: labelOf(option), option }];
  });
  const selected = answers.map(keyOf).filter((key) => key !== undefined);
  return (
    <ChoiceField
      id={itemDomId(itemKey)}
      legend={itemLabel(item)}
      options={options}
      selected={selected}
      multiple={item.repeats === true}
      required={item.required === true}
      errors={issues}
      onChange={(keys) => setAnswers(options.filter((o) => keys.includes(o.key)).map((o) => answerOf(o.option)))}
    />
  );
}
