import { Field } from '../../components/Field.js';

interface DateFieldProps {
  id: string;
  label: string;
  value: string;
  required: boolean;
  errors: readonly string[];
  onChange(value: string): void;
}

/** Display only: a date question with the browser's date picker (values are YYYY-MM-DD). */
export function DateField({ id, label, value, required, errors, onChange }: DateFieldProps) {
  return (
    <div className="question">
      <Field id={id} label={label} required={required} errors={errors}>
        {(control) => <input {...control} type="date" value={value} onChange={(event) => onChange(event.target.value)} />}
      </Field>
    </div>
  );
}
