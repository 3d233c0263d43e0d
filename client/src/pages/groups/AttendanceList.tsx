import type { Patient } from '@medplum/fhirtypes';
import { useState, type KeyboardEvent } from 'react';
import { useSession } from '../../auth/session-context.js';
import { PatientName, usePatientName } from '../../beneficiary/PatientName.js';
import { searchBeneficiaries } from '../../beneficiary/search-beneficiaries.js';
import { describeError } from '../../components/describe-error.js';
import { Fieldset } from '../../components/Fieldset.js';
import { useI18n } from '../../i18n/i18n-context.js';

const RESULTS = 10;

interface AttendanceListProps {
  /** the group's members the caller may read, by `Patient/<id>` */
  members: ReadonlyMap<string, Patient>;
  /** beneficiaries added to this meeting by search */
  added: readonly Patient[];
  /** Patient ids ticked */
  attendees: readonly string[];
  errors?: readonly string[];
  onChange(attendees: string[]): void;
  onAdd(patient: Patient): void;
}

/**
 * Who came: the members as checkboxes, and anyone else found by the caseload's name search and added (ticked
 * at once). The search is part of the meeting's form, so Enter in its box searches rather than saves.
 */
export function AttendanceList({ members, added, attendees, errors, onChange, onAdd }: AttendanceListProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Patient[]>();
  const [searchFailure, setSearchFailure] = useState<string>();
  const people = [...members.values(), ...added.filter((p) => !members.has(`Patient/${p.id ?? ''}`))];
  const toggle = (id: string, ticked: boolean) => onChange(ticked ? [...attendees, id] : attendees.filter((a) => a !== id));

  const search = async () => {
    if (!query.trim()) return;
    try {
      setFound(await searchBeneficiaries(fhir, query, RESULTS));
      setSearchFailure(undefined);
    } catch (error) {
      setSearchFailure(describeError(error, i18n));
    }
  };
  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search();
  };

  return (
    <Fieldset id="meeting-attendees" legend={t('groups.meeting.attendance')} hint={t('groups.meeting.attendanceHint')} errors={errors} required>
      {people.length === 0 ? (
        <p className="muted">{t('groups.noMembers')}</p>
      ) : (
        <div className="options options--columns">
          {people.map((patient) => {
            const id = patient.id ?? '';
            return (
              <label key={id} className="option">
                <input type="checkbox" name="attendee" value={id} checked={attendees.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
                <PatientName patient={patient} />
              </label>
            );
          })}
        </div>
      )}
      <div className="attendance-search">
        <label htmlFor="attendee-search">{t('groups.meeting.addBeneficiary')}</label>
        <div className="search-form__row">
          <input id="attendee-search" type="search" dir="auto" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={searchOnEnter} />
          <button type="button" className="button--secondary" onClick={() => void search()}>
            {t('caseload.searchButton')}
          </button>
        </div>
        {searchFailure ? <p className="notice notice--error">{searchFailure}</p> : null}
        {found === undefined ? null : found.length === 0 ? (
          <p role="status">{t('caseload.noResults', { query: query.trim() })}</p>
        ) : (
          <ul className="plain-list attendance-search__results" aria-label={t('groups.meeting.searchResults')}>
            {found.map((patient) => (
              <SearchResult key={patient.id} patient={patient} ticked={attendees.includes(patient.id ?? '')} onAdd={() => onAdd(patient)} />
            ))}
          </ul>
        )}
      </div>
    </Fieldset>
  );
}

/** A beneficiary found, with a button that says whom it adds (several rows each have one). */
function SearchResult({ patient, ticked, onAdd }: { patient: Patient; ticked: boolean; onAdd(): void }) {
  const { t } = useI18n();
  const name = usePatientName(patient);
  return (
    <li>
      <bdi>{name}</bdi>{' '}
      <button type="button" className="button--secondary" disabled={ticked} aria-label={ticked ? undefined : t('groups.meeting.addPerson', { name })} onClick={onAdd}>
        {ticked ? t('groups.meeting.added') : t('groups.meeting.add')}
      </button>
    </li>
  );
}
