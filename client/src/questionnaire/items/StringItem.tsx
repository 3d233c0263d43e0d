import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { TextField } from './TextField.js';

/** State: a string or text item's answer as valueString (blank means unanswered); TextField draws it. */
export function StringItem({ item }: { item: QuestionnaireItem }) {
  const [answers, setAnswers] = useItemAnswers(item.linkId);
  const issues = useItemIssues(item.linkId);
  return (
    <TextField
      id={itemDomId(item.linkId)}
      label={itemLabel(item)}
      value={answers[0]?.valueString ?? ''}
      multiline={item.type === 'text'}
      required={item.required === true}
      errors={issues}
      onChange={(value) => setAnswers(value.trim() === '' ? [] : [{ valueString: value }])}
    />
  );
}
