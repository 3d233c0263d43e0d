import { useState } from 'react';
import type { ChosenDiagnosis } from '../../clinical/consultation.js';
import { searchIcd10, type Icd10Code } from '../../clinical/icd10.js';
import { describedBy, FieldErrors } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';

// Enough to find a code by its first characters or a couple of words; more would be a list to read, not a choice.
const SHOWN = 8;

interface DiagnosisPickerProps {
  chosen: readonly ChosenDiagnosis[];
  search: string;
  /** the date of the consultation, the latest an onset may take */
  latest: string;
  errors: readonly string[];
  onSearch(text: string): void;
  onChange(chosen: ChosenDiagnosis[]): void;
}

/**
 * The diagnoses of a consultation: searched in Hiwa's ICD-10 list by code or title, each added with its onset
 * if known. Titles are WHO's English ones, marked as English so that they read left to right in any interface.
 */
export function DiagnosisPicker({ chosen, search, latest, errors, onSearch, onChange }: DiagnosisPickerProps) {
  const { t } = useI18n();
  const [announced, setAnnounced] = useState('');
  const found = searchIcd10(search, chosen.map((d) => d.code));
  const errorId = errors.length > 0 ? 'consultation-diagnosis-error' : undefined;
  const add = (code: Icd10Code) => {
    onChange([...chosen, { ...code, onset: '' }]);
    onSearch('');
    setAnnounced(t('consultation.added', { code: code.code }));
  };
  return (
    <fieldset id="consultation-diagnosis" className={errors.length > 0 ? 'fieldset field--invalid' : 'fieldset'}>
      <legend>{t('consultation.diagnoses')}</legend>
      {chosen.length === 0 ? (
        <p className="muted">{t('consultation.noDiagnosis')}</p>
      ) : (
        <ul className="plain-list diagnosis-list">
          {chosen.map((diagnosis, index) => (
            <li key={diagnosis.code} className="diagnosis-list__item">
              <p className="diagnosis-list__name" lang="en" dir="ltr">
                <strong>{diagnosis.code}</strong> {diagnosis.display}
              </p>
              <div className="field">
                <label htmlFor={`onset-${diagnosis.code}`}>{t('consultation.onsetOf', { code: diagnosis.code })}</label>
                <input
                  id={`onset-${diagnosis.code}`}
                  type="date"
                  className="input--date"
                  value={diagnosis.onset}
                  max={latest}
                  onChange={(event) => onChange(chosen.map((d, i) => (i === index ? { ...d, onset: event.target.value } : d)))}
                />
              </div>
              <button type="button" className="button--secondary" onClick={() => onChange(chosen.filter((_, i) => i !== index))}>
                {t('consultation.remove', { code: diagnosis.code })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="consultation-search">{t('consultation.search')}</label>
        <p className="field__hint" id="consultation-search-hint">
          {t('consultation.searchHint')}
        </p>
        <input
          id="consultation-search"
          type="search"
          autoComplete="off"
          value={search}
          aria-describedby={describedBy('consultation-search-hint', errorId)}
          {...(errors.length > 0 ? { 'aria-invalid': true as const } : {})}
          onChange={(event) => onSearch(event.target.value)}
        />
      </div>
      {search.trim() !== '' ? (
        found.length === 0 ? (
          <p className="muted">{t('consultation.noMatch')}</p>
        ) : (
          <ul className="plain-list diagnosis-results" aria-label={t('consultation.matches')}>
            {found.slice(0, SHOWN).map((code) => (
              <li key={code.code}>
                <button type="button" className="button--secondary diagnosis-results__choice" onClick={() => add(code)}>
                  {t('consultation.add')}{' '}
                  <span lang="en" dir="ltr">
                    <strong>{code.code}</strong> {code.display}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <p className="visually-hidden" role="status">
        {announced}
      </p>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
