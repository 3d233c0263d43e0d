import type { Task } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useSession } from '../../auth/session-context.js';
import { inboxActions, movedTask, needsNote, type InboxAction } from '../../clinical/referrals.js';
import { describeError } from '../../components/describe-error.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** The recipient's moves on one referral; declining asks why, completing asks for the outcome, before anything is sent. */
export function ReferralActions({ task, onMoved }: { task: Task; onMoved(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const [asking, setAsking] = useState<InboxAction>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const move = async (action: InboxAction) => {
    if (needsNote(action) && note.trim() === '') {
      setAsking(action);
      if (asking === action) setError(t(action === 'decline' ? 'inbox.reasonNeeded' : 'inbox.outcomeNeeded'));
      return;
    }
    setBusy(true);
    try {
      await fhir.update({ ...movedTask(task, action, note), id: task.id ?? '' });
      onMoved();
    } catch (failure) {
      setError(describeError(failure, i18n));
      setBusy(false);
    }
  };

  const noteId = `note-${task.id ?? ''}`;
  return (
    <div className="inbox__actions">
      {asking ? (
        <Field id={noteId} label={t(asking === 'decline' ? 'inbox.reason' : 'inbox.outcome')} errors={error ? [error] : []} required>
          {(control) => <textarea {...control} dir="auto" rows={3} value={note} onChange={(event) => {
                setNote(event.target.value);
                setError(undefined);
              }} />}
        </Field>
      ) : error ? (
        <p className="field__errors" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        {inboxActions(task)
          .filter((action) => asking === undefined || action === asking)
          .map((action) => (
            <button key={action} type="button" disabled={busy} className={action === 'decline' ? 'button--secondary' : undefined} onClick={() => void move(action)}>
              {t(`inbox.action.${action}`)}
            </button>
          ))}
        {asking ? (
          <button type="button" className="button--secondary" onClick={() => {
              setAsking(undefined);
              setNote('');
              setError(undefined);
            }}>
            {t('inbox.cancel')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
