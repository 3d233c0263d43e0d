import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useI18n } from '../../i18n/i18n-context.js';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { BooleanField } from './BooleanField.js';

/** State: a boolean item's answer as valueBoolean; BooleanField draws it. */
export function BooleanItem({ item, itemKey }: { item: QuestionnaireItem; itemKey: string }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useItemAnswers(itemKey);
  const issues = useItemIssues(itemKey, item.linkId);
  return (
    <BooleanField
      id={itemDomId(itemKey)}
      legend={itemLabel(item)}
      value={answers[0]?.valueBoolean}
      yesLabel={t('common.yes')}
      noLabel={t('common.no')}
      required={item.required === true}
      errors={issues}
      onChange={(value) => setAnswers([{ valueBoolean: value }])}
    />
  );
}
