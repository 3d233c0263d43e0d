import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { RepeatingTextField } from './RepeatingTextField.js';

/**
 * State: a string item that repeats (the safety plan's warning signs, coping strategies …). The rows are
 * kept as typed, blank ones too, so a row just added stays on screen; the answers are the non-blank rows.
 */
export function RepeatingStringItem({ item, itemKey }: { item: QuestionnaireItem; itemKey: string }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useItemAnswers(itemKey);
  const issues = useItemIssues(itemKey, item.linkId);
  const [rows, setRows] = useState<string[]>(() => {
    const given = answers.map((answer) => answer.valueString ?? '');
    return given.length > 0 ? given : [''];
  });
  const update = (next: string[]) => {
    setRows(next);
    setAnswers(next.filter((row) => row.trim() !== '').map((row) => ({ valueString: row })));
  };
  return (
    <RepeatingTextField
      id={itemDomId(itemKey)}
      legend={itemLabel(item)}
      rows={rows}
      required={item.required === true}
      errors={issues}
      addLabel={t('questionnaire.addAnother')}
      removeLabel={(index) => t('questionnaire.removeEntry', { number: index + 1 })}
      rowLabel={(index) => t('questionnaire.entryNumber', { number: index + 1 })}
      onChange={update}
    />
  );
}
