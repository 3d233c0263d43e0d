import type { ReactNode } from 'react';

/** What a field's control needs to be labelled, described and marked invalid for assistive technology. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** the server's issues for this field, shown under it */
  errors?: readonly string[];
  required?: boolean;
  children(control: ControlProps): ReactNode;
}

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string');
  return present.length > 0 ? present.join(' ') : undefined;
}

/** A labelled form control with its hint and errors; the control itself comes from `children`. */
export function Field({ id, label, hint, errors = [], required, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-describedby': describedBy(hintId, errorId),
        ...(errors.length > 0 ? { 'aria-invalid': true as const } : {}),
        ...(required ? { 'aria-required': true as const } : {}),
      })}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** The errors of one field or fieldset, in the place a sighted user looks and linked for a screen reader. */
export function FieldErrors({ id, errors }: { id: string | undefined; errors: readonly string[] }) {
  if (errors.length === 0 || id === undefined) return null;
  return (
    <ul className="field__errors" id={id}>
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}
