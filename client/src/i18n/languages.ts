import { ar, arReviewStatus } from './messages-ar.js';
import { ckb, ckbReviewStatus } from './messages-ckb.js';
import { en, type Messages } from './messages-en.js';
import { kmr, kmrReviewStatus } from './messages-kmr.js';

export type LanguageCode = 'en' | 'ar' | 'ckb' | 'kmr';

export interface Language {
  code: LanguageCode;
  /** the language's name in itself, so a speaker finds it whatever language the page is in */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  /** what Intl formats dates and numbers with; Kurdish falls back where the browser lacks data */
  locale: string;
  messages: Messages;
  /** set while the interface text is a draft nobody has reviewed */
  reviewStatus?: string;
}

export const languages: readonly Language[] = [
  { code: 'en', nativeName: 'English', dir: 'ltr', locale: 'en-GB', messages: en },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl', locale: 'ar-IQ', messages: ar, reviewStatus: arReviewStatus },
  { code: 'ckb', nativeName: 'کوردی (سۆرانی)', dir: 'rtl', locale: 'ckb-IQ', messages: ckb, reviewStatus: ckbReviewStatus },
  { code: 'kmr', nativeName: 'Kurdî (Kurmancî)', dir: 'ltr', locale: 'kmr', messages: kmr, reviewStatus: kmrReviewStatus },
];

export const defaultLanguage: Language = languages[0];

/** The direction of text in a language, for content whose language is not the interface's (a form's wording). */
export function directionOf(code: string | undefined): 'ltr' | 'rtl' | undefined {
  if (!code) return undefined;
  return findLanguage(code)?.dir ?? (/^(ar|ckb|fa|he|ur)(-|$)/.test(code) ? 'rtl' : 'ltr');
}

export function findLanguage(code: string | null | undefined): Language | undefined {
  return languages.find((language) => language.code === code);
}
