import type { ControlProps } from './Field.js';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectProps {
  control: ControlProps;
  name: string;
  value: string;
  onChange(value: string): void;
  /** the label of a first, empty choice ("Choose…"); without it one of the options is always chosen */
  blank?: string;
  options: readonly SelectOption[];
}

/** A drop-down list inside a Field: its options, and an empty first choice when one is optional or not yet made. */
export function Select({ control, name, value, onChange, blank, options }: SelectProps) {
  return (
    <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      {blank !== undefined ? <option value="">{blank}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
