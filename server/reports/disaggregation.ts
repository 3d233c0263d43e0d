import type { BeneficiaryFacts } from './report-facts.js';

/**
 * The disaggregations of the programme's reports (services.md): each turns a beneficiary, at a date,
 * into one stratum value. Every beneficiary lands in exactly one stratum ('unknown' when not recorded),
 * so the strata of a stratifier add up to its total, which suppression relies on.
 */
export const UNKNOWN = 'unknown';

export interface Disaggregation {
  code: string;
  display: string;
  valueOf(person: BeneficiaryFacts | undefined, at: string): string;
  /** for one worked out from the person's age alone: the value from that age (so a count works out each age once) */
  fromAge?: (age: number | undefined) => string;
}

/** A calendar day: a birth date, or the UTC day of an instant. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Whole years from a (possibly partial) birth date to `at`; a year alone counts from 1 July, a month from its 15th. */
export function ageInYears(birthDate: string | undefined, at: string): number | undefined {
  return ageOn(birthDay(birthDate), at);
}

/** The day a (possibly partial) birth date stands for; undefined when there is none or it is not a date. */
export function birthDay(birthDate: string | undefined): CalendarDay | undefined {
  if (birthDate === undefined) return undefined;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(birthDate);
  if (!m) return undefined;
  return {
    year: Number(m[1]),
    month: m[2] === undefined ? 7 : Number(m[2]),
    day: m[3] === undefined ? (m[2] === undefined ? 1 : 15) : Number(m[3]),
  };
}

/** Whole years from a birth day to `at` (ageInYears with the birth date read once, for counts over many dates). */
export function ageOn(birth: CalendarDay | undefined, at: string): number | undefined {
  if (birth === undefined) return undefined;
  const on = utcDay(at);
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age < 0 ? undefined : age;
}

/** The UTC calendar day of an instant; an instant written in UTC (`…Z`, as the store gives them) is read as text. */
function utcDay(at: string): CalendarDay {
  if (at.length >= 11 && at[10] === 'T' && at.endsWith('Z')) return { year: digits(at, 0, 4), month: digits(at, 5, 7), day: digits(at, 8, 10) };
  const when = new Date(at);
  return { year: when.getUTCFullYear(), month: when.getUTCMonth() + 1, day: when.getUTCDate() };
}

/** The number written by the ASCII digits `text[start, end)` (a year of services is 10⁵ dates to read). */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

/** Children and adults, as the programme reports them. */
export function ageGroup(age: number | undefined): string {
  return age === undefined ? UNKNOWN : age < 18 ? 'under-18' : '18-and-over';
}

/** Finer bands within the two groups (each band lies wholly in one group). */
export const AGE_BANDS: readonly (readonly [string, number])[] = [
  ['0-5', 6],
  ['6-11', 12],
  ['12-17', 18],
  ['18-24', 25],
  ['25-39', 40],
  ['40-59', 60],
  ['60-and-over', Infinity],
];

export function ageBand(age: number | undefined): string {
  if (age === undefined) return UNKNOWN;
  return (AGE_BANDS.find(([, below]) => age < below) as readonly [string, number])[0];
}

const field = (code: string, display: string, pick: (p: BeneficiaryFacts) => string | undefined): Disaggregation => ({
  code,
  display,
  valueOf: (person) => (person === undefined ? UNKNOWN : (pick(person) ?? UNKNOWN)),
});

export const disaggregations = {
  gender: field('gender', 'Gender', (p) => p.gender),
  ageGroup: { code: 'age-group', display: 'Age group (under 18 / 18 and over)', valueOf: (p, at) => ageGroup(ageInYears(p?.birthDate, at)), fromAge: ageGroup },
  ageBand: { code: 'age-band', display: 'Age band', valueOf: (p, at) => ageBand(ageInYears(p?.birthDate, at)), fromAge: ageBand },
  maritalStatus: field('marital-status', 'Marital status', (p) => p.maritalStatus),
  disability: field('disability', 'Disability', (p) => p.disability),
  populationGroup: field('population-group', 'Population group', (p) => p.populationGroup),
  governorate: field('governorate', 'Governorate', (p) => p.governorate),
  registrationSite: field('registration-site', 'Registration site', (p) => p.site),
} satisfies Record<string, Disaggregation>;

/** The disaggregations every count of people or of services to people is published with, each on its own. */
export const personDisaggregations: readonly Disaggregation[] = Object.values(disaggregations).filter((d) => d !== disaggregations.ageBand);
