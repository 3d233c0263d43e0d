import { Fieldset } from '../../components/Fieldset.js';

interface RepeatingTextFieldProps {
  id: string;
  legend: string;
  rows: readonly string[];
  required: boolean;
  errors: readonly string[];
  addLabel: string;
  removeLabel(index: number): string;
  rowLabel(index: number): string;
  onChange(rows: string[]): void;
}

/** Display only: one question answered with a list of short texts, rows added and removed in place. */
export function RepeatingTextField({ id, legend, rows, required, errors, addLabel, removeLabel, rowLabel, onChange }: RepeatingTextFieldProps) {
  return (
    <Fieldset id={id} legend={legend} required={required} errors={errors} className="question question--repeating">
      <ol className="repeat-list">
        {rows.map((row, index) => (
          <li key={index} className="repeat-list__row">
            <input
              type="text"
              dir="auto"
              id={`${id}-${index}`}
              aria-label={rowLabel(index)}
              value={row}
              onChange={(event) => onChange(rows.map((r, i) => (i === index ? event.target.value : r)))}
            />
            {rows.length > 1 ? (
              <button type="button" className="button--link" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                {removeLabel(index)}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <button type="button" className="button--secondary" onClick={() => onChange([...rows, ''])}>
        {addLabel}
      </button>
    </Fieldset>
  );
}
