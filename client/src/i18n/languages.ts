import { ar, arReviewStatus } from './messages-ar.js';
import { ckb, ckbReviewStatus } from './messages-ckb.js';
import { en, type Messages } from './messages-en.js';
import { kmrArab, kmrArabReviewStatus } from './messages-kmr-arab.js';
import { kmr, kmrReviewStatus } from './messages-kmr.js';

/** BCP 47 tags of the interface languages. Bahdini is Kurmanji written in Arabic script, as read in Duhok. */
export type LanguageCode = 'en' | 'ar' | 'ckb' | 'kmr-Arab' | 'kmr-Latn';

export interface Language {
  code: LanguageCode;
  /** the language's name in itself, so a speaker finds it whatever language the page is in */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  /**
   * what Intl formats dates and numbers with: the first the browser has. Bahdini has no locale data of its
   * own: it takes the Kurdish (Sorani) month names used across the Kurdistan Region, in the same script.
   * Browsers without Kurdish data (Chromium has none) fall back to the Iraqi Arabic month names, read in
   * the same script, never to the browser's English.
   */
  locales: readonly string[];
  /** the language asked of the server's text packs for instrument wording */
  textPackLanguage: string;
  messages: Messages;
  /** set while the interface text is a draft nobody has reviewed */
  reviewStatus?: string;
}

export const languages: readonly Language[] = [
  { code: 'en', nativeName: 'English', dir: 'ltr', locales: ['en-GB'], textPackLanguage: 'en', messages: en },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl', locales: ['ar-IQ'], textPackLanguage: 'ar', messages: ar, reviewStatus: arReviewStatus },
  { code: 'ckb', nativeName: 'کوردی (سۆرانی)', dir: 'rtl', locales: ['ckb-IQ', 'ar-IQ'], textPackLanguage: 'ckb', messages: ckb, reviewStatus: ckbReviewStatus },
  {
    code: 'kmr-Arab',
    nativeName: 'کوردی (بادینی)',
    dir: 'rtl',
    locales: ['ckb-IQ', 'ar-IQ'],
    textPackLanguage: 'kmr-Arab',
    messages: kmrArab,
    reviewStatus: kmrArabReviewStatus,
  },
  // The shipped Kurmanji text packs are in Latin script under the plain tag `kmr`.
  { code: 'kmr-Latn', nativeName: 'Kurdî (Kurmancî, latînî)', dir: 'ltr', locales: ['ku', 'en-GB'], textPackLanguage: 'kmr', messages: kmr, reviewStatus: kmrReviewStatus },
];

export const defaultLanguage: Language = languages[0];

// Plain `kmr` is Kurmanji in Latin script, as in CLDR's likely subtags and as this client's `kmr` always was,
// so links and remembered choices made before the two scripts were told apart keep their text.
const ALIASES: Readonly<Record<string, LanguageCode>> = { kmr: 'kmr-Latn', ku: 'kmr-Latn', 'ku-arab': 'kmr-Arab', 'ckb-arab': 'ckb', 'ar-iq': 'ar', 'en-gb': 'en' };

/** A language by its BCP 47 tag, case-insensitively (tags are), or by an alias such as `kmr`. */
export function findLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase();
  const code = languages.find((language) => language.code.toLowerCase() === lower)?.code ?? ALIASES[lower];
  return languages.find((language) => language.code === code);
}

/** The direction of text in a language, for content whose language is not the interface's (a form's wording). */
export function directionOf(code: string | undefined): 'ltr' | 'rtl' | undefined {
  if (!code) return undefined;
  return findLanguage(code)?.dir ?? (/^(ar|ckb|fa|he|ur)(-|$)|-arab(-|$)/i.test(code) ? 'rtl' : 'ltr');
}
