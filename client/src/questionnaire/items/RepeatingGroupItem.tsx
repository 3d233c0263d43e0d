import type { QuestionnaireItem } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { useStoreValue } from '../answer-store.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useFormContext } from '../form-context.js';
import { entryPrefix } from '../item-keys.js';
import { itemDomId } from '../item-label.js';
import { GroupFieldset } from './GroupFieldset.js';

interface RepeatingGroupItemProps {
  item: QuestionnaireItem;
  itemKey: string;
  /** the group's items for one entry, drawn by the switcher under that entry's prefix */
  renderEntry(prefix: string): ReactNode;
}

/**
 * State: a group answered once per entry (one per receiving organisation, per trusted person …). Entries are
 * added and removed here; removing one drops its answers. Each entry is numbered so a screen-reader user
 * knows which one a field belongs to.
 */
export function RepeatingGroupItem({ item, itemKey, renderEntry }: RepeatingGroupItemProps) {
  const { t } = useI18n();
  const { store } = useFormContext();
  const entries = useStoreValue(store, () => store.entries(itemKey));
  const id = itemDomId(itemKey);
  return (
    <GroupFieldset id={id} title={item.text}>
      {entries.map((entryId, index) => {
        const entryTitleId = `${id}-entry-${entryId}`;
        return (
          <section key={entryId} className="repeat-entry" aria-labelledby={entryTitleId}>
            <div className="repeat-entry__heading">
              <h4 id={entryTitleId}>{t('questionnaire.entryOf', { number: index + 1, title: item.text ?? '' })}</h4>
              <button type="button" className="button--link" onClick={() => store.removeEntry(itemKey, entryId)}>
                {t('questionnaire.removeEntry', { number: index + 1 })}
              </button>
            </div>
            {renderEntry(entryPrefix(itemKey, entryId))}
          </section>
        );
      })}
      <button type="button" className="button--secondary" onClick={() => store.addEntry(itemKey)}>
        {entries.length === 0 ? t('questionnaire.addFirst', { title: item.text ?? '' }) : t('questionnaire.addAnother')}
      </button>
    </GroupFieldset>
  );
}
