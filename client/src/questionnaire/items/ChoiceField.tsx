import { Fieldset } from '../../components/Fieldset.js';

export interface ChoiceOption {
  key: string;
  label: string;
}

interface ChoiceFieldProps {
  id: string;
  legend: string;
  options: readonly ChoiceOption[];
  selected: readonly string[];
  multiple: boolean;
  required: boolean;
  errors: readonly string[];
  onChange(selected: string[]): void;
}

/** Display only: a choice question as radios (one answer) or checkboxes (repeats), options in printed order. */
export function ChoiceField({ id, legend, options, selected, multiple, required, errors, onChange }: ChoiceFieldProps) {
  const toggle = (key: string, checked: boolean) => {
    if (!multiple) onChange(checked ? [key] : []);
    else onChange(checked ? [...selected, key] : selected.filter((k) => k !== key));
  };
  return (
    <Fieldset id={id} legend={legend} required={required} errors={errors} className="question question--choice">
      <div className="options">
        {options.map((option, index) => (
          <label key={option.key} className="option">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={id}
              id={`${id}-${index}`}
              checked={selected.includes(option.key)}
              onChange={(event) => toggle(option.key, event.target.checked)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
