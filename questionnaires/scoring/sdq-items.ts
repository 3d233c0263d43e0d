import { HIWA_SCORES_SYSTEM } from '../fhir-systems.js';

/** sdqinfo variable names of the 25 items, in item order; they end each item's linkId (`sdq-07-obeys`). */
export const SDQ_ITEM_NAMES = [
  'consid', 'restles', 'somatic', 'shares', 'tantrum', 'loner', 'obeys', 'worries', 'caring', 'fidgety',
  'friend', 'fights', 'unhappy', 'popular', 'distrac', 'clingy', 'kind', 'lies', 'bullied', 'helpout',
  'reflect', 'steals', 'oldbest', 'afraid', 'attends',
] as const;

/** Scored 2, 1, 0. The weights live in the definitions; this list is what tests hold them to. */
export const SDQ_REVERSE_SCORED_ITEMS: readonly number[] = [7, 11, 14, 21, 25];

export function sdqItemLinkId(itemNumber: number): string {
  const name = SDQ_ITEM_NAMES[itemNumber - 1];
  if (name === undefined) throw new RangeError(`the SDQ has no item ${itemNumber}`);
  return `sdq-${String(itemNumber).padStart(2, '0')}-${name}`;
}

export type SdqSubscale = 'emotional' | 'conduct' | 'hyperactivity' | 'peer' | 'prosocial';
export type SdqComposite = 'total' | 'externalising' | 'internalising';
export type SdqScale = SdqSubscale | SdqComposite | 'impact';

export const SDQ_SUBSCALE_ITEMS: Readonly<Record<SdqSubscale, readonly number[]>> = {
  emotional: [3, 8, 13, 16, 24],
  conduct: [5, 7, 12, 18, 22],
  hyperactivity: [2, 10, 15, 21, 25],
  peer: [6, 11, 14, 19, 23],
  prosocial: [1, 4, 9, 17, 20],
};

/** Prosocial is a strength and is not part of any difficulties composite. */
export const SDQ_COMPOSITE_PARTS: Readonly<Record<SdqComposite, readonly SdqSubscale[]>> = {
  total: ['emotional', 'conduct', 'hyperactivity', 'peer'],
  externalising: ['conduct', 'hyperactivity'],
  internalising: ['emotional', 'peer'],
};

/** The displays of Hiwa's hiwa-scores CodeSystem. */
export const SDQ_SCALE_TITLES: Readonly<Record<SdqScale, string>> = {
  emotional: 'SDQ emotional symptoms score',
  conduct: 'SDQ conduct problems score',
  hyperactivity: 'SDQ hyperactivity/inattention score',
  peer: 'SDQ peer relationship problems score',
  prosocial: 'SDQ prosocial behaviour score',
  total: 'SDQ total difficulties score',
  externalising: 'SDQ externalising score',
  internalising: 'SDQ internalising score',
  impact: 'SDQ impact score',
};

export function sdqScoreCode(scale: SdqScale): { system: string; code: string; display: string } {
  return { system: HIWA_SCORES_SYSTEM, code: `sdq-${scale}`, display: SDQ_SCALE_TITLES[scale] };
}

export const SDQ_IMPACT_OVERALL_LINK_ID = 'sdq-impact-overall';
export const SDQ_IMPACT_DISTRESS_LINK_ID = 'sdq-impact-distress';
/** Interference items: parent and self ask about four areas, the teacher about two. */
export const SDQ_INTERFERENCE_LINK_IDS = {
  parentOrSelf: ['sdq-impact-home', 'sdq-impact-friendships', 'sdq-impact-classroom', 'sdq-impact-leisure'],
  teacher: ['sdq-impact-peers', 'sdq-impact-classroom'],
} as const;
