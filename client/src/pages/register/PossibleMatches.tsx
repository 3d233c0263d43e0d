import type { Patient } from '@medplum/fhirtypes';
import { useEffect, useRef } from 'react';
import { GenderName, GovernorateName } from '../../beneficiary/coded-names.js';
import { PatientAge } from '../../beneficiary/PatientAge.js';
import { namesOf } from '../../beneficiary/patient-names.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routing/router.js';

interface PossibleMatchesProps {
  matches: readonly Patient[];
  saving: boolean;
  onRegisterNew(): void;
}

/** Display only: records that may be the same person, shown before a new one is made. */
export function PossibleMatches({ matches, saving, onRegisterNew }: PossibleMatchesProps) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="matches" aria-labelledby="matches-title">
      <h2 id="matches-title" tabIndex={-1} ref={heading}>
        {t('register.matchesTitle')}
      </h2>
      <p>{t('register.matchesIntro')}</p>
      <ul className="matches__list">
        {matches.map((patient) => {
          const { latin, arabicScript } = namesOf(patient);
          return (
            <li key={patient.id} className="matches__item">
              <div>
                <strong>{latin ?? arabicScript ?? t('patient.unnamed')}</strong>
                {latin && arabicScript ? <span dir="auto"> · {arabicScript}</span> : null}
                <div className="muted">
                  <GenderName gender={patient.gender} /> · <PatientAge patient={patient} /> · <GovernorateName value={patient.address?.[0]?.state} />
                </div>
              </div>
              <Link to={`/patients/${encodeURIComponent(patient.id ?? '')}`}>{t('register.open')}</Link>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button--secondary" disabled={saving} onClick={onRegisterNew}>
        {t('register.registerNew')}
      </button>
    </section>
  );
}
