import { useId } from 'react';
import { isDigitStyle } from '../i18n/digits.js';
import { useI18n } from '../i18n/i18n-context.js';
import { findLanguage, languages } from '../i18n/languages.js';

/** The interface language; each option in its own language and script, with its own direction. */
export function LanguageSelect() {
  const { language, setLanguage, t } = useI18n();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={language.code}
        onChange={(event) => {
          const chosen = findLanguage(event.target.value);
          if (chosen) setLanguage(chosen.code);
        }}
      >
        {languages.map((option) => (
          <option key={option.code} value={option.code} lang={option.code} dir={option.dir}>
            {option.nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Latin or Eastern Arabic digits for every number and date of the page (one style at a time). */
export function DigitsSelect() {
  const { digits, setDigits, t } = useI18n();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('digits.label')}</label>
      <select
        id={id}
        value={digits}
        onChange={(event) => {
          if (isDigitStyle(event.target.value)) setDigits(event.target.value);
        }}
      >
        <option value="latn">{t('digits.latn')}</option>
        <option value="arab">{t('digits.arab')}</option>
      </select>
    </div>
  );
}

/** Said wherever a draft language is in use, so nobody mistakes it for reviewed text. */
export function DraftLanguageNotice() {
  const { language, t } = useI18n();
  if (!language.reviewStatus) return null;
  return <p className="draft-notice">{t('language.draftNotice')}</p>;
}
