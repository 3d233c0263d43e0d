import type { EpisodeOfCare, Patient } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session-context.js';
import { PatientName } from '../../beneficiary/PatientName.js';
import type { StaffMember } from '../../clinical/staff-directory.js';
import { reassignCase } from '../../clinical/team.js';
import { describeError } from '../../components/describe-error.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routing/router.js';

interface ReassignCaseProps {
  episode: EpisodeOfCare;
  patient: Patient | undefined;
  from: StaffMember;
  members: readonly StaffMember[];
  onReassigned(toName: string): void;
}

/** One case of a worker, and the form that gives it to another member of the team (`$reassign`). */
export function ReassignCase({ episode, patient, from, members, onReassigned }: ReassignCaseProps) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { fhir } = useSession();
  const [opened, setOpened] = useState(false);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const others = members.filter((m) => m.practitionerId !== from.practitionerId);
  const key = episode.id ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (to === '') return setError(t('team.chooseWorker'));
    setBusy(true);
    try {
      await reassignCase(fhir, key, to, reason);
      onReassigned(others.find((m) => m.practitionerId === to)?.name ?? to);
    } catch (failure) {
      setError(describeError(failure, i18n));
      setBusy(false);
    }
  };

  return (
    <li className="team-case">
      <div className="team-case__line">
        <span id={`case-${key}`}>
          {patient?.id ? (
            <Link to={`/patients/${encodeURIComponent(patient.id)}`}>
              <PatientName patient={patient} />
            </Link>
          ) : null}
          {episode.period?.start ? <span className="muted"> · {t('mywork.since', { date: formatDate(episode.period.start) })}</span> : null}
        </span>
        {opened ? null : (
          <button type="button" className="button--secondary" aria-describedby={`case-${key}`} onClick={() => setOpened(true)}>
            {t('team.reassign')}
          </button>
        )}
      </div>
      {opened ? (
        <form className="team-case__form" aria-label={t('team.reassignForm')} onSubmit={(event) => void submit(event)} noValidate>
          <Field id={`to-${key}`} label={t('team.reassignTo')} errors={error && to === '' ? [error] : []} required>
            {(control) => (
              <select
                {...control}
                value={to}
                onChange={(event) => {
                  setTo(event.target.value);
                  setError(undefined);
                }}>
                <option value="">{t('common.choose')}</option>
                {others.map((m) => (
                  <option key={m.practitionerId} value={m.practitionerId}>
                    {m.name} ({t(`role.${m.role}`)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`reason-${key}`} label={t('team.reassignReason')}>
            {(control) => <textarea {...control} dir="auto" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          {error && to !== '' ? (
            <p className="field__errors" role="alert">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t('team.reassignSubmit')}
            </button>
            <button
              type="button"
              className="button--secondary"
              onClick={() => {
                setOpened(false);
                setError(undefined);
              }}>
              {t('inbox.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
