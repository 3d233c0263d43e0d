import type { Questionnaire } from '@medplum/fhirtypes';
import { allItems } from './questionnaire-items.js';
import type { TextPack } from './text-pack.js';

/** Something a pack words that the form does not have; `path` names it in the pack (`items.<linkId>…`). */
export interface TextPackMisfit {
  path: string;
  message: string;
}

/**
 * What a pack words that none of the given versions of its form has: items by linkId, and answer options by
 * code. Wording for what the form does not have means a pack for another form or version, so such a pack is
 * refused whole rather than used in part. Wording the pack leaves out is allowed (the form says so).
 */
export function textPackMisfits(pack: TextPack, versions: readonly Questionnaire[]): TextPackMisfit[] {
  const items = new Map<string, Set<string>>();
  for (const item of versions.flatMap((q) => allItems(q.item))) {
    const codes = items.get(item.linkId) ?? new Set<string>();
    for (const option of item.answerOption ?? []) if (option.valueCoding?.code !== undefined) codes.add(option.valueCoding.code);
    items.set(item.linkId, codes);
  }
  const misfits: TextPackMisfit[] = [];
  for (const [linkId, wording] of Object.entries(pack.items)) {
    const codes = items.get(linkId);
    if (codes === undefined) {
      misfits.push({ path: `items.${linkId}`, message: `The ${pack.questionnaire} form has no item with linkId '${linkId}'` });
      continue;
    }
    for (const code of Object.keys(wording.answerOptions ?? {})) {
      if (!codes.has(code)) misfits.push({ path: `items.${linkId}.answerOptions.${code}`, message: `Item '${linkId}' of ${pack.questionnaire} has no answer option '${code}'` });
    }
  }
  return misfits;
}
