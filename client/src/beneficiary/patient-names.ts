import type { HumanName, Patient } from '@medplum/fhirtypes';

// Arabic, Persian and Kurdish letters (Arabic, Arabic Supplement and presentation-form blocks).
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

export function isArabicScript(text: string): boolean {
  return ARABIC_SCRIPT.test(text);
}

function nameText(name: HumanName): string {
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}

/**
 * A beneficiary has the same name twice: in Arabic script (Arabic or Kurdish spelling) and in Latin letters
 * as registered. Which is which is read from the script itself, not from `use`, so records from any source
 * are sorted the same way.
 */
export function namesOf(patient: Patient): { arabicScript?: string; latin?: string } {
  const texts = (patient.name ?? []).map(nameText).filter((text) => text.trim() !== '');
  return {
    arabicScript: texts.find(isArabicScript),
    latin: texts.find((text) => !isArabicScript(text)),
  };
}

/** One name to head a page or a row with: the Latin one, as registered, when there is one. */
export function primaryName(patient: Patient): string | undefined {
  const { latin, arabicScript } = namesOf(patient);
  return latin ?? arabicScript;
}

/**
 * A full name typed in one field, as a HumanName: given name and father's name first, family name last
 * (Arabic and Kurdish naming), and the whole as typed in `text` so nothing is lost by the split.
 */
export function humanNameFrom(fullName: string, use: HumanName['use']): HumanName | undefined {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const family = words.length > 1 ? words[words.length - 1] : undefined;
  const given = words.length > 1 ? words.slice(0, -1) : words;
  return { use, text: words.join(' '), given, ...(family ? { family } : {}) };
}
