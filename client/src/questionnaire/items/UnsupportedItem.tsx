import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useI18n } from '../../i18n/i18n-context.js';
import { itemLabel } from '../item-label.js';

/** An item type this renderer does not answer: said plainly, never dropped in silence. */
export function UnsupportedItem({ item }: { item: QuestionnaireItem }) {
  const { t } = useI18n();
  return (
    <div className="question question--unsupported">
      <p>{itemLabel(item)}</p>
      <p className="muted">{t('questionnaire.unsupported', { type: item.type })}</p>
    </div>
  );
}
