import { createHash } from 'node:crypto';

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
  return prefixOfBytes(normalizeForSearch(text), MAX_INDEXED_STRING_BYTES);
}

/** Most bytes of a token or URI value kept as it is in the index; token rows hold a system and a code. */
export const MAX_EXACT_INDEX_BYTES = 1000;
const KEPT_PREFIX_BYTES = 400;

/**
 * A token code or system, or a URI, as the index holds it: as it is when short, or, past
 * MAX_EXACT_INDEX_BYTES (a B-tree row holds at most 2,704 bytes), its first 400 bytes and a SHA-256 of the
 * whole. These are matched whole, so the searched value is turned into its key the same way, and two long
 * values that differ anywhere stay apart. A `:below` search by a prefix of up to 400 bytes still finds it.
 */
export function indexedExactValue<T extends string | null | undefined>(value: T): T {
  if (typeof value !== 'string' || Buffer.byteLength(value) <= MAX_EXACT_INDEX_BYTES) return value;
  return `${prefixOfBytes(value, KEPT_PREFIX_BYTES)}\u2026sha256:${createHash('sha256').update(value).digest('hex')}` as T;
}

/** The longest start of `text` of at most `max` UTF-8 bytes, cut at a character boundary. */
function prefixOfBytes(text: string, max: number): string {
  let bytes = 0;
  let cut = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > max) break;
    cut += char;
  }
  return cut;
}
