import type { SelectOption } from '../components/Select.js';
import type { MessageKey } from '../i18n/messages-en.js';

/**
 * Iraq's governorates, as stored in Patient.address.state (searched as `governorate`). The stored value is
 * the English name the programme's reports and site list use; each language shows its own name for it.
 */
export const governorates = [
  'Anbar', 'Babil', 'Baghdad', 'Basra', 'Dahuk', 'Dhi Qar', 'Diyala', 'Erbil', 'Halabja', 'Karbala',
  'Kirkuk', 'Maysan', 'Muthanna', 'Najaf', 'Ninewa', 'Qadisiyah', 'Salah Al Din', 'Sulaymaniyah', 'Wasit',
] as const;

export type Governorate = (typeof governorates)[number];

export function isGovernorate(value: string | undefined): value is Governorate {
  return (governorates as readonly (string | undefined)[]).includes(value);
}

/** The governorates as choices in a form, each named in the interface language. */
export function governorateOptions(t: (key: MessageKey) => string): SelectOption[] {
  return governorates.map((governorate) => ({ value: governorate, label: t(`governorate.${governorate}`) }));
}
