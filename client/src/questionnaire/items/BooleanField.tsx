import { Fieldset } from '../../components/Fieldset.js';

interface BooleanFieldProps {
  id: string;
  legend: string;
  value: boolean | undefined;
  yesLabel: string;
  noLabel: string;
  required: boolean;
  errors: readonly string[];
  onChange(value: boolean): void;
}

/** Display only: a yes/no question as two radios; unanswered until one is chosen (never a default "no"). */
export function BooleanField({ id, legend, value, yesLabel, noLabel, required, errors, onChange }: BooleanFieldProps) {
  return (
    <Fieldset id={id} legend={legend} required={required} errors={errors} className="question question--boolean">
      <div className="options">
        <label className="option">
          <input type="radio" name={id} checked={value === true} onChange={() => onChange(true)} />
          <span>{yesLabel}</span>
        </label>
        <label className="option">
          <input type="radio" name={id} checked={value === false} onChange={() => onChange(false)} />
          <span>{noLabel}</span>
        </label>
      </div>
    </Fieldset>
  );
}
