import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { DateField } from './DateField.js';

/** State: a date item's answer as valueDate; DateField draws it. */
export function DateItem({ item, itemKey }: { item: QuestionnaireItem; itemKey: string }) {
  const [answers, setAnswers] = useItemAnswers(itemKey);
  const issues = useItemIssues(itemKey, item.linkId);
  return (
    <DateField
      id={itemDomId(itemKey)}
      label={itemLabel(item)}
      value={answers[0]?.valueDate ?? ''}
      required={item.required === true}
      errors={issues}
      onChange={(value) => setAnswers(value ? [{ valueDate: value }] : [])}
    />
  );
}
