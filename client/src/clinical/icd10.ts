import type { ValueSet } from '@medplum/fhirtypes';
import mhpssCodes from '../../../fhir-profiles/ValueSet-icd10-mhpss.json' with { type: 'json' };

/** WHO's ICD-10, as FHIR names it; the server refuses a diagnosis coded otherwise (ICD-11 aside). */
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';

export interface Icd10Code {
  code: string;
  /** WHO's English title, shown as it is: never translated here */
  display: string;
}

// The list offered to pick from is Hiwa's ValueSet (fhir-profiles/), the MHPSS-relevant part of ICD-10.
export const icd10Choices: readonly Icd10Code[] = ((mhpssCodes as ValueSet).compose?.include ?? [])
  .filter((include) => include.system === ICD10_SYSTEM)
  .flatMap((include) => include.concept ?? [])
  .map((concept) => ({ code: concept.code, display: concept.display ?? concept.code }));

const folded = (text: string): string => text.toLocaleLowerCase('en').replace(/[.\s]+/g, ' ').trim();
const compactCode = (code: string): string => code.replace('.', '').toLowerCase();

/**
 * The codes matching what was typed, best first: a code that begins with it (f32, F32.1, f321), then titles
 * containing every word typed (depress mod, depression moderate). Nothing for an empty search; codes in `leaveOut` (already
 * chosen) are left out.
 */
export function searchIcd10(query: string, leaveOut: readonly string[] = [], choices: readonly Icd10Code[] = icd10Choices): Icd10Code[] {
  const typed = folded(query);
  if (typed === '') return [];
  const asCode = typed.replace(/ /g, '');
  const words = typed.split(' ');
  const open = choices.filter((choice) => !leaveOut.includes(choice.code));
  const byCode = open.filter((choice) => compactCode(choice.code).startsWith(asCode));
  const byTitle = open.filter((choice) => !byCode.includes(choice) && words.every((word) => inTitle(word, choice.display)));
  return [...byCode, ...byTitle];
}

// Six letters say which word is meant whatever its ending: "depression" finds "depressive", "psychosis" "psychotic".
const STEM = 6;

/** Whether a typed word is in a title: as it is, or sharing its first six letters with a word of the title. */
function inTitle(word: string, title: string): boolean {
  const text = folded(title);
  if (text.includes(word)) return true;
  if (word.length <= STEM) return false;
  const stem = word.slice(0, STEM);
  return text.split(/[\s,[\]-]+/).some((titleWord) => titleWord.startsWith(stem));
}
