import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { IntegerField } from './IntegerField.js';

// Digits typed with an Arabic or Persian keyboard count as the same digits.
const toAsciiDigits = (text: string): string =>
  text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf));

/**
 * State: what is typed, kept apart from the answer (valueInteger), so a half-typed or mistyped number
 * stays on screen with a message instead of being silently dropped; IntegerField draws it.
 */
export function IntegerItem({ item }: { item: QuestionnaireItem }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useItemAnswers(item.linkId);
  const issues = useItemIssues(item.linkId);
  const [text, setText] = useState(() => (answers[0]?.valueInteger === undefined ? '' : String(answers[0].valueInteger)));
  const normalized = toAsciiDigits(text.trim());
  const invalid = normalized !== '' && !/^-?\d+$/.test(normalized);
  return (
    <IntegerField
      id={itemDomId(item.linkId)}
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
