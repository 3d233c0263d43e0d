import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { describeError } from './describe-error.js';
import { Field } from './Field.js';

interface DecisionButtonsProps<A extends string> {
  /** unique on the page: names the note field */
  id: string;
  actions: readonly A[];
  label(action: A): string;
  /** the note's label for an action that needs words (a reason, an outcome); undefined when it needs none */
  noteLabel(action: A): string | undefined;
  /** said when such an action is pressed again with the note still empty */
  noteMissing(action: A): string;
  /** an action drawn as secondary (declining) */
  isSecondary?(action: A): boolean;
  cancelLabel: string;
  /** makes the move on the server; a failure is shown here and the buttons are given back */
  onDecide(action: A, note: string): Promise<void>;
}

/**
 * Buttons for the moves on one item (a referral, an approval). An action that needs words opens its note
 * first and is sent only once the note is written; what the server refuses is shown beside the buttons.
 */
export function DecisionButtons<A extends string>({ id, actions, label, noteLabel, noteMissing, isSecondary, cancelLabel, onDecide }: DecisionButtonsProps<A>) {
  const i18n = useI18n();
  const [asking, setAsking] = useState<A>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const decide = async (action: A) => {
    if (noteLabel(action) !== undefined && note.trim() === '') {
      setAsking(action);
      if (asking === action) setError(noteMissing(action));
      return;
    }
    setBusy(true);
    try {
      await onDecide(action, note);
    } catch (failure) {
      setError(describeError(failure, i18n));
      setBusy(false);
    }
  };

  const noteId = `note-${id}`;
  const askingLabel = asking === undefined ? undefined : noteLabel(asking);
  return (
    <div className="inbox__actions">
      {askingLabel !== undefined ? (
        <Field id={noteId} label={askingLabel} errors={error ? [error] : []} required>
          {(control) => (
            <textarea
              {...control}
              dir="auto"
              rows={3}
              value={note}
              onChange={(event) => {
                setNote(event.target.value);
                setError(undefined);
              }}
            />
          )}
        </Field>
      ) : error ? (
        <p className="field__errors" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        {actions
          .filter((action) => asking === undefined || action === asking)
          .map((action) => (
            <button key={action} type="button" disabled={busy} className={isSecondary?.(action) ? 'button--secondary' : undefined} onClick={() => void decide(action)}>
              {label(action)}
            </button>
          ))}
        {asking ? (
          <button
            type="button"
            className="button--secondary"
            onClick={() => {
              setAsking(undefined);
              setNote('');
              setError(undefined);
            }}>
            {cancelLabel}
          </button>
        ) : null}
      </div>
    </div>
  );
}
