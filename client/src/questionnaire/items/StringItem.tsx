import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { TextField } from './TextField.js';

/** State: a string or text item's answer as valueString (blank means unanswered); TextField draws it. */
export function StringItem({ item, itemKey }: { item: QuestionnaireItem; itemKey: string }) {
  const [answers, setAnswers] = useItemAnswers(itemKey);
  const issues = useItemIssues(itemKey, item.linkId);
  return (
    <TextField
      id={itemDomId(itemKey)}
      label={itemLabel(item)}
      value={answers[0]?.valueString ?? ''}
      multiline={item.type === 'text'}
      required={item.required === true}
      errors={issues}
      onChange={(value) => setAnswers(value.trim() === '' ? [] : [{ valueString: value }])}
    />
  );
}
