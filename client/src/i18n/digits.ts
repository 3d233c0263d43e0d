/**
 * Which digits a page shows numbers and dates in: one style for the whole page. Latin digits (0–9) by
 * default in every language, as on ID cards, phones and the forms' own numbering; Eastern Arabic digits
 * (٠–٩) for whoever chooses them.
 */
export type DigitStyle = 'latn' | 'arab';

export const digitStyles: readonly DigitStyle[] = ['latn', 'arab'];

export function isDigitStyle(value: unknown): value is DigitStyle {
  return value === 'latn' || value === 'arab';
}

/** The locale with its numbering system fixed, so Intl never mixes digit styles on one page. */
export function withDigits(locale: string, digits: DigitStyle): string {
  return `${locale}-u-nu-${digits}`;
}

/** Digits typed in either style (or Persian ones) as the ASCII digits the server stores. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf));
}
