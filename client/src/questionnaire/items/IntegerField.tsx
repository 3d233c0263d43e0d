import { Field } from '../../components/Field.js';

interface IntegerFieldProps {
  id: string;
  label: string;
  text: string;
  required: boolean;
  errors: readonly string[];
  onChange(text: string): void;
}

/** Display only: a whole-number question; the text is shown as typed, even while it is not a number yet. */
export function IntegerField({ id, label, text, required, errors, onChange }: IntegerFieldProps) {
  return (
    <div className="question">
      <Field id={id} label={label} required={required} errors={errors}>
        {(control) => (
          <input {...control} type="text" inputMode="numeric" className="input--short" value={text} onChange={(event) => onChange(event.target.value)} />
        )}
      </Field>
    </div>
  );
}
