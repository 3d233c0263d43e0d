import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { CriticalAnswerWarning } from './CriticalAnswerWarning.js';
import { useItemAlert, useItemEnabled } from './form-context.js';
import { itemKey } from './item-keys.js';
import { BooleanItem } from './items/BooleanItem.js';
import { ChoiceItem } from './items/ChoiceItem.js';
import { DateItem } from './items/DateItem.js';
import { DisplayItem } from './items/DisplayItem.js';
import { GroupItem } from './items/GroupItem.js';
import { IntegerItem } from './items/IntegerItem.js';
import { RepeatingGroupItem } from './items/RepeatingGroupItem.js';
import { RepeatingStringItem } from './items/RepeatingStringItem.js';
import { StringItem } from './items/StringItem.js';
import { UnsupportedItem } from './items/UnsupportedItem.js';

/** The items of a form or group under one prefix (see item-keys.ts). */
export function ItemList({ items, prefix }: { items: readonly QuestionnaireItem[] | undefined; prefix: string }) {
  return (
    <>
      {(items ?? []).map((item) => (
        <ItemSwitcher key={item.linkId} item={item} prefix={prefix} />
      ))}
    </>
  );
}

/** An item, and under it the warning its answer raised, if it is a critical answer. */
export function ItemSwitcher({ item, prefix }: { item: QuestionnaireItem; prefix: string }) {
  const alert = useItemAlert(item.linkId);
  return (
    <>
      <ItemByType item={item} prefix={prefix} />
      {alert ? <CriticalAnswerWarning alert={alert} /> : null}
    </>
  );
}

/** Picks the component for an item's type; an item switched off by enableWhen is not shown. */
function ItemByType({ item, prefix }: { item: QuestionnaireItem; prefix: string }) {
  const enabled = useItemEnabled(item);
  if (!enabled) return null;
  const key = itemKey(prefix, item.linkId);
  switch (item.type) {
    case 'group':
      return item.repeats === true ? (
        <RepeatingGroupItem item={item} itemKey={key} renderEntry={(inner) => <ItemList items={item.item} prefix={inner} />} />
      ) : (
        <GroupItem item={item} itemKey={key}>
          <ItemList items={item.item} prefix={prefix} />
        </GroupItem>
      );
    case 'display':
      return <DisplayItem item={item} />;
    case 'choice':
      return <ChoiceItem item={item} itemKey={key} />;
    case 'boolean':
      return <BooleanItem item={item} itemKey={key} />;
    case 'string':
      return item.repeats === true ? <RepeatingStringItem item={item} itemKey={key} /> : <StringItem item={item} itemKey={key} />;
    case 'text':
      return <StringItem item={item} itemKey={key} />;
    case 'integer':
      return <IntegerItem item={item} itemKey={key} />;
    case 'date':
      return <DateItem item={item} itemKey={key} />;
    default:
      return <UnsupportedItem item={item} />;
  }
}
