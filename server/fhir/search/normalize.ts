/**
 * How string search compares text: case-insensitive and accent-insensitive ("José" finds "jose").
 * Combining marks are dropped after NFD decomposition; Arabic letters have no case and are kept, while
 * Arabic vowel marks (harakat, also combining marks) are dropped, so voweled and unvoweled spellings match.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFC');
}
