import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatMessage, type MessageParams } from './format-message.js';
import { defaultLanguage, findLanguage, type Language, type LanguageCode } from './languages.js';
import type { MessageKey } from './messages-en.js';

export interface I18n {
  language: Language;
  setLanguage(code: LanguageCode): void;
  t(key: MessageKey, params?: MessageParams): string;
  formatDate(value: string | undefined): string;
  formatDateTime(value: string | undefined): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

// The choice of language belongs to the person at this browser, not to the session: it survives sign-out.
const STORAGE_KEY = 'hiwa.language';

/** `/?lang=ar` (a link a programme hands out) opens in that language and remembers it; otherwise the last choice. */
function initialLanguage(): Language {
  const asked = findLanguage(new URLSearchParams(window.location.search).get('lang'));
  try {
    if (asked) localStorage.setItem(STORAGE_KEY, asked.code);
    return asked ?? findLanguage(localStorage.getItem(STORAGE_KEY)) ?? defaultLanguage;
  } catch {
    return asked ?? defaultLanguage; // storage blocked (private mode, policy): English until chosen again
  }
}

/** Formats with the language's locale, falling back to the browser's when Intl lacks it (Kurdish on some systems). */
function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const supported = Intl.DateTimeFormat.supportedLocalesOf([locale]);
  return new Intl.DateTimeFormat(supported.length > 0 ? supported : undefined, options);
}

/** A FHIR date of year or year-month precision is shown at that precision, never padded to a made-up day. */
function formatFhirDate(value: string, locale: string, withTime: boolean): string {
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return dateFormatter(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${value}-01T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateFormatter(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return dateFormatter(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(instant);
}

/** The interface language: its messages, its direction on <html>, and date formatting. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language.code;
    document.documentElement.dir = language.dir;
  }, [language]);

  const setLanguage = useCallback((code: LanguageCode) => {
    const next = findLanguage(code) ?? defaultLanguage;
    try {
      localStorage.setItem(STORAGE_KEY, next.code);
    } catch {
      // the choice still applies to this page; it just is not remembered
    }
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => formatMessage(language.messages[key], params),
      formatDate: (value) => (value ? formatFhirDate(value, language.locale, false) : ''),
      formatDateTime: (value) => (value ? formatFhirDate(value, language.locale, true) : ''),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n is used outside I18nProvider');
  return i18n;
}
