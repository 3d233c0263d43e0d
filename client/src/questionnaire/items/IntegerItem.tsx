import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useState } from 'react';
import { toAsciiDigits } from '../../i18n/digits.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { IntegerField } from './IntegerField.js';


/**
 * State: what is typed, kept apart from the answer (valueInteger), so a half-typed or mistyped number
 * stays on screen with a message instead of being silently dropped; IntegerField draws it.
 */
export function IntegerItem({ item, itemKey }: { item: QuestionnaireItem; itemKey: string }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useItemAnswers(itemKey);
  const issues = useItemIssues(itemKey, item.linkId);
  const [text, setText] = useState(() => (answers[0]?.valueInteger === undefined ? '' : String(answers[0].valueInteger)));
  const normalized = toAsciiDigits(text.trim());
  const invalid = normalized !== '' && !/^-?\d+$/.test(normalized);
  return (
    <IntegerField
      id={itemDomId(itemKey)}
      label={itemLabel(item)}
      text={text}
      required={item.required === true}
      errors={invalid ? [t('questionnaire.integerInvalid'), ...issues] : issues}
      onChange={(next) => {
        setText(next);
        const digits = toAsciiDigits(next.trim());
        setAnswers(/^-?\d+$/.test(digits) ? [{ valueInteger: Number(digits) }] : []);
      }}
    />
  );
}
