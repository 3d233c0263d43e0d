import type { ReactNode } from 'react';
import { describedBy, FieldErrors } from './Field.js';

interface FieldsetProps {
  id: string;
  legend: ReactNode;
  hint?: string;
  errors?: readonly string[];
  required?: boolean;
  className?: string;
  children: ReactNode;
}

/** A group of radios or checkboxes under one question (the legend), with its hint and errors. */
export function Fieldset({ id, legend, hint, errors = [], required, className, children }: FieldsetProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const classes = ['fieldset', errors.length > 0 ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <fieldset id={id} className={classes} aria-describedby={describedBy(hintId, errorId)}>
      <legend>
        {legend}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
