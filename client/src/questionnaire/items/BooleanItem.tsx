import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useI18n } from '../../i18n/i18n-context.js';
import { useItemAnswers, useItemIssues } from '../form-context.js';
import { itemDomId, itemLabel } from '../item-label.js';
import { BooleanField } from './BooleanField.js';

/** State: a boolean item's answer as valueBoolean; BooleanField draws it. */
export function BooleanItem({ item }: { item: QuestionnaireItem }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useItemAnswers(item.linkId);
  const issues = useItemIssues(item.linkId);
  return (
    <BooleanField
      id={itemDomId(item.linkId)}
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
