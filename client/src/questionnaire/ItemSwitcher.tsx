import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { useItemEnabled } from './form-context.js';
import { BooleanItem } from './items/BooleanItem.js';
import { ChoiceItem } from './items/ChoiceItem.js';
import { DateItem } from './items/DateItem.js';
import { DisplayItem } from './items/DisplayItem.js';
import { GroupItem } from './items/GroupItem.js';
import { IntegerItem } from './items/IntegerItem.js';
import { StringItem } from './items/StringItem.js';
import { UnsupportedItem } from './items/UnsupportedItem.js';

/** Picks the component for an item's type; an item switched off by enableWhen is not shown. */
export function ItemSwitcher({ item }: { item: QuestionnaireItem }) {
  const enabled = useItemEnabled(item);
  if (!enabled) return null;
  switch (item.type) {
    case 'group':
      return (
        <GroupItem item={item}>
          {(item.item ?? []).map((child) => (
            <ItemSwitcher key={child.linkId} item={child} />
          ))}
        </GroupItem>
      );
    case 'display':
      return <DisplayItem item={item} />;
    case 'choice':
      return <ChoiceItem item={item} />;
    case 'boolean':
      return <BooleanItem item={item} />;
    case 'string':
    case 'text':
      return <StringItem item={item} />;
    case 'integer':
      return <IntegerItem item={item} />;
    case 'date':
      return <DateItem item={item} />;
    default:
      return <UnsupportedItem item={item} />;
  }
}
