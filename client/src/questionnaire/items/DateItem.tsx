import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { DateField } from './DateField.js';

/** State: a date item's answer as valueDate; DateField draws it. */
export function DateItem({ item }: { item: QuestionnaireItem }) {
  const [answers, setAnswers] = useItemAnswers(item.linkId);
  const issues = useItemIssues(item.linkId);
  return (
    <DateField
      id={itemDomId(item.linkId)}
      label={itemLabel(item)}
      value={answers[0]?.valueDate ?? ''}
      required={item.required === true}
      errors={issues}
      onChange={(value) => setAnswers(value ? [{ valueDate: value }] : [])}
    />
  );
}
