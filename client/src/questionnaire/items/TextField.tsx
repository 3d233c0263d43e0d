import { Field } from '../../components/Field.js';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  multiline: boolean;
  required: boolean;
  errors: readonly string[];
  onChange(value: string): void;
}

/** Display only: a free-text question, one line (string) or several (text). */
export function TextField({ id, label, value, multiline, required, errors, onChange }: TextFieldProps) {
  return (
    <div className="question">
      <Field id={id} label={label} required={required} errors={errors}>
        {(control) =>
          multiline ? (
            <textarea {...control} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />
          ) : (
            <input {...control} type="text" value={value} onChange={(event) => onChange(event.target.value)} />
          )
        }
      </Field>
    </div>
  );
}
