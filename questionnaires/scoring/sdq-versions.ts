import {
  SDQ_PARENT_2_4_THREE_BAND,
  SDQ_PARENT_FOUR_BAND,
  SDQ_PARENT_THREE_BAND,
  SDQ_SELF_FOUR_BAND,
  SDQ_SELF_THREE_BAND,
  SDQ_TEACHER_FOUR_BAND,
  SDQ_TEACHER_THREE_BAND,
  type SdqBandTable,
} from './sdq-band-tables.js';
import { SDQ_INTERFERENCE_LINK_IDS } from './sdq-items.js';

export type SdqVersionName = 'SDQ_P4_17' | 'SDQ_T4_17' | 'SDQ_P2_4' | 'SDQ_T2_4' | 'SDQ_S11_17';
export type SdqInformant = 'parent' | 'teacher' | 'self';

/** What differs between SDQ versions: the 25 items and their scoring are the same in all five. */
export interface SdqVersion {
  name: SdqVersionName;
  informant: SdqInformant;
  /** The impact supplement's interference items this informant is asked. */
  interferenceLinkIds: readonly string[];
  /** Every norm table that applies; each banded score gets one band per table. */
  bandTables: readonly SdqBandTable[];
  /** Recorded on a computed score that no table of this version bands. */
  unbandedNote: string;
}

export const SDQ_VERSIONS: Readonly<Record<SdqVersionName, SdqVersion>> = {
  SDQ_P4_17: {
    name: 'SDQ_P4_17',
    informant: 'parent',
    interferenceLinkIds: SDQ_INTERFERENCE_LINK_IDS.parentOrSelf,
    bandTables: [SDQ_PARENT_THREE_BAND, SDQ_PARENT_FOUR_BAND],
    unbandedNote: 'The UK parent norms do not band this score.',
  },
  SDQ_T4_17: {
    name: 'SDQ_T4_17',
    informant: 'teacher',
    interferenceLinkIds: SDQ_INTERFERENCE_LINK_IDS.teacher,
    bandTables: [SDQ_TEACHER_THREE_BAND, SDQ_TEACHER_FOUR_BAND],
    unbandedNote: 'The UK teacher norms do not band this score.',
  },
  SDQ_S11_17: {
    name: 'SDQ_S11_17',
    informant: 'self',
    interferenceLinkIds: SDQ_INTERFERENCE_LINK_IDS.parentOrSelf,
    bandTables: [SDQ_SELF_THREE_BAND, SDQ_SELF_FOUR_BAND],
    unbandedNote: 'The UK self-report norms do not band this score.',
  },
  SDQ_P2_4: {
    name: 'SDQ_P2_4',
    informant: 'parent',
    interferenceLinkIds: SDQ_INTERFERENCE_LINK_IDS.parentOrSelf,
    // Only a provisional three-band table exists for parents of 2–4 year olds.
    bandTables: [SDQ_PARENT_2_4_THREE_BAND],
    unbandedNote: 'The provisional parent 2–4 table bands only the five scales and the total difficulties.',
  },
  SDQ_T2_4: {
    name: 'SDQ_T2_4',
    informant: 'teacher',
    interferenceLinkIds: SDQ_INTERFERENCE_LINK_IDS.teacher,
    // Hiwa's reference gives no norms for teachers of 2–4 year olds; borrowing the 4–17 tables would be a guess.
    bandTables: [],
    unbandedNote: 'No band table exists for the SDQ teacher report, 2–4 years: the score is not banded.',
  },
};

export function isSdqVersionName(name: string | undefined): name is SdqVersionName {
  return name !== undefined && Object.hasOwn(SDQ_VERSIONS, name);
}
