import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isDigitStyle, withDigits, type DigitStyle } from './digits.js';
import { formatMessage, type MessageParams } from './format-message.js';
import { defaultLanguage, findLanguage, type Language, type LanguageCode } from './languages.js';
import type { MessageKey } from './messages-en.js';
import { describeServerIssue } from './server-messages.js';

export interface I18n {
  language: Language;
  setLanguage(code: LanguageCode): void;
  digits: DigitStyle;
  setDigits(digits: DigitStyle): void;
  /** a message; numbers among the parameters are written in the page's digits */
  t(key: MessageKey, params?: MessageParams): string;
  formatDate(value: string | undefined): string;
  formatDateTime(value: string | undefined): string;
  formatNumber(value: number): string;
  /** an issue the server raised, in the interface language */
  describeIssue(issue: OperationOutcomeIssue): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

// The choice of language belongs to the person at this browser, not to the session: it survives sign-out.
const LANGUAGE_KEY = 'hiwa.language';
const DIGITS_KEY = 'hiwa.digits';

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, policy): the defaults until chosen again
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // the choice still applies to this page; it just is not remembered
  }
}

/** `/?lang=ar` (a link a programme hands out; any BCP 47 tag Hiwa has) opens in that language and remembers it. */
function initialLanguage(): Language {
  // no window when rendered outside a browser (tests render components to markup)
  const search = typeof window === 'undefined' ? '' : window.location.search;
  const asked = findLanguage(new URLSearchParams(search).get('lang'));
  if (asked) remember(LANGUAGE_KEY, asked.code);
  return asked ?? findLanguage(remembered(LANGUAGE_KEY)) ?? defaultLanguage;
}

function initialDigits(): DigitStyle {
  const stored = remembered(DIGITS_KEY);
  return isDigitStyle(stored) ? stored : 'latn';
}

/** The first of the language's locales Intl has, else the browser's; always with the page's digits. */
function intlLocale(locales: readonly string[], digits: DigitStyle): string[] | undefined {
  const supported = Intl.DateTimeFormat.supportedLocalesOf([...locales]);
  return supported.length > 0 ? [withDigits(supported[0], digits)] : undefined;
}

// The month by name in every language: a numeric date reads differently in each (05/12 is May or December)
// and, in right-to-left text, its parts can appear reordered.
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** A FHIR date of year or year-month precision is shown at that precision, never padded to a made-up day. */
function formatFhirDate(value: string, locales: string[] | undefined, withTime: boolean, formatYear: (year: number) => string): string {
  const format = (options: Intl.DateTimeFormatOptions, date: Date) => new Intl.DateTimeFormat(locales, options).format(date);
  if (/^\d{4}$/.test(value)) return formatYear(Number(value));
  if (/^\d{4}-\d{2}$/.test(value)) return format({ year: 'numeric', month: 'long', timeZone: 'UTC' }, new Date(`${value}-01T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return format({ ...DAY, timeZone: 'UTC' }, new Date(`${value}T00:00:00Z`));
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return format(withTime ? { ...DAY, hour: '2-digit', minute: '2-digit' } : DAY, instant);
}

/** The interface language and digits: messages, direction on <html>, dates and numbers. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const [digits, setDigitsState] = useState<DigitStyle>(initialDigits);

  useEffect(() => {
    document.documentElement.lang = language.code;
    document.documentElement.dir = language.dir;
  }, [language]);

  const setLanguage = useCallback((code: LanguageCode) => {
    const next = findLanguage(code) ?? defaultLanguage;
    remember(LANGUAGE_KEY, next.code);
    setLanguageState(next);
  }, []);

  const setDigits = useCallback((next: DigitStyle) => {
    remember(DIGITS_KEY, next);
    setDigitsState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const locales = intlLocale(language.locales, digits);
    const numbers = new Intl.NumberFormat(locales ?? withDigits('en', digits), { useGrouping: false });
    const formatNumber = (n: number) => numbers.format(n);
    const t = (key: MessageKey, params?: MessageParams) =>
      formatMessage(
        language.messages[key],
        params && Object.fromEntries(Object.entries(params).map(([name, v]) => [name, typeof v === 'number' ? formatNumber(v) : v])),
      );
    return {
      language,
      setLanguage,
      digits,
      setDigits,
      t,
      formatDate: (v) => (v ? formatFhirDate(v, locales, false, formatNumber) : ''),
      formatDateTime: (v) => (v ? formatFhirDate(v, locales, true, formatNumber) : ''),
      formatNumber,
      describeIssue: (issue) => describeServerIssue(issue, t, language.code),
    };
  }, [language, setLanguage, digits, setDigits]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n is used outside I18nProvider');
  return i18n;
}
