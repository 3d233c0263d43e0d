/**
 * How string search compares text: case-insensitive and accent-insensitive ("José" finds "jose").
 * Combining marks are dropped after NFD decomposition; Arabic letters have no case and are kept, while
 * Arabic vowel marks (harakat, also combining marks) are dropped, so voweled and unvoweled spellings match.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFC');
}

/** Most bytes of a string search value kept in the index: a B-tree row holds at most 2,704 bytes. */
export const MAX_INDEXED_STRING_BYTES = 1000;

/**
 * A search value as the string index holds it: normalised, and cut to its first MAX_INDEXED_STRING_BYTES
 * bytes (at a character boundary). String search matches by prefix, so a longer value is still found by
 * any prefix up to that length; the needle of a search is cut the same way.
 */
export function indexedStringValue(text: string): string {
  const normalized = normalizeForSearch(text);
  if (Buffer.byteLength(normalized) <= MAX_INDEXED_STRING_BYTES) return normalized;
  let bytes = 0;
  let cut = '';
  for (const char of normalized) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_INDEXED_STRING_BYTES) break;
    cut += char;
  }
  return cut;
}
