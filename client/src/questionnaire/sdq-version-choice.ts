import type { SdqInformant, SdqVersionName } from '../../../questionnaires/scoring/sdq-versions.js';
import type { FillableForm } from './instruments.js';

export type { SdqInformant };

/** One SDQ version as offered from the record: the form, who answers it and the ages it is for (whole years). */
export interface SdqVersionOffer {
  form: FillableForm & { name: SdqVersionName };
  informant: SdqInformant;
  ages: { from: number; to: number };
}

// The reference gives parent and teacher versions for 2–4 and 4–17 and a self-report for 11–17. A 4-year-old
// fits both: the 4–17 version is offered, as its UK norms are established and the 2–4 ones are provisional
// (parent) or absent (teacher).
export const SDQ_VERSION_OFFERS: readonly SdqVersionOffer[] = [
  { form: { slug: 'sdq-p2-4', name: 'SDQ_P2_4', kind: 'screening', label: { key: 'sdq.version.SDQ_P2_4' } }, informant: 'parent', ages: { from: 2, to: 3 } },
  { form: { slug: 'sdq-p4-17', name: 'SDQ_P4_17', kind: 'screening', label: { key: 'sdq.version.SDQ_P4_17' } }, informant: 'parent', ages: { from: 4, to: 17 } },
  { form: { slug: 'sdq-t2-4', name: 'SDQ_T2_4', kind: 'screening', label: { key: 'sdq.version.SDQ_T2_4' } }, informant: 'teacher', ages: { from: 2, to: 3 } },
  { form: { slug: 'sdq-t4-17', name: 'SDQ_T4_17', kind: 'screening', label: { key: 'sdq.version.SDQ_T4_17' } }, informant: 'teacher', ages: { from: 4, to: 17 } },
  { form: { slug: 'sdq-s11-17', name: 'SDQ_S11_17', kind: 'screening', label: { key: 'sdq.version.SDQ_S11_17' } }, informant: 'self', ages: { from: 11, to: 17 } },
];

export const SDQ_INFORMANTS: readonly SdqInformant[] = ['parent', 'teacher', 'self'];

/** The ages any SDQ version covers. */
export const SDQ_AGES = { from: 2, to: 17 } as const;

export type SdqChoice =
  | { kind: 'version'; offer: SdqVersionOffer }
  /** no birth date or estimated age on the record: the person filling in picks the version */
  | { kind: 'age-unknown' }
  /** no version of the SDQ is for this age */
  | { kind: 'outside-ages'; age: number }
  /** this informant has no version for this age (the self-report is for 11–17 only) */
  | { kind: 'informant-not-for-age'; age: number; informant: SdqInformant };

const fits = (offer: SdqVersionOffer, age: number) => age >= offer.ages.from && age <= offer.ages.to;

/** The SDQ version for a beneficiary of `age` (whole years) answered by `informant`. */
export function chooseSdqVersion(age: number | undefined, informant: SdqInformant): SdqChoice {
  if (age === undefined) return { kind: 'age-unknown' };
  if (age < SDQ_AGES.from || age > SDQ_AGES.to) return { kind: 'outside-ages', age };
  const offer = SDQ_VERSION_OFFERS.find((candidate) => candidate.informant === informant && fits(candidate, age));
  return offer === undefined ? { kind: 'informant-not-for-age', age, informant } : { kind: 'version', offer };
}

/** Who can answer an SDQ about a beneficiary of `age`: everyone when the age is unknown, nobody outside 2–17. */
export function sdqInformantsFor(age: number | undefined): SdqInformant[] {
  return SDQ_INFORMANTS.filter((informant) => age === undefined || chooseSdqVersion(age, informant).kind === 'version');
}

/** Whether the record offers the SDQ at all: for 2–17 year olds, and when the age is not recorded. */
export function offersSdq(age: number | undefined): boolean {
  return sdqInformantsFor(age).length > 0;
}

/** An SDQ version's form by its address (e.g. `sdq-p4-17`). */
export function findSdqVersion(slug: string): FillableForm | undefined {
  return SDQ_VERSION_OFFERS.find((offer) => offer.form.slug === slug)?.form;
}
