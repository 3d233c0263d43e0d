import type { QuestionnaireItem } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { itemDomId } from '../item-label.js';
import { GroupFieldset } from './GroupFieldset.js';

/**
 * A group holds no answer of its own; its items come from the switcher as children (passed in rather
 * than imported, so the switcher and the group do not import each other).
 */
export function GroupItem({ item, itemKey, children }: { item: QuestionnaireItem; itemKey: string; children: ReactNode }) {
  return (
    <GroupFieldset id={itemDomId(itemKey)} title={item.text}>
      {children}
    </GroupFieldset>
  );
}
