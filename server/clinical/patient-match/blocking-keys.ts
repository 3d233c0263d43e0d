import type { HumanName } from '@medplum/fhirtypes';
import { tableName } from './name-variants.js';
import { nameWords, type NameWord } from './name-words.js';

/**
 * Blocking keys: what the search index holds of a name so that the duplicate check fetches a few
 * candidates instead of reading every patient. A word's key is its consonant skeleton (`s:mhmd`, the same
 * for محمد, Mohammed and Muhammad), and for a name of the variant table also the table's name of it
 * (`v:…`), for spellings whose skeletons differ (Kadhim, Kazim). Pure; the index extracts these through
 * the SearchParameter `name-key`.
 */
export function nameKeysOfName(name: HumanName): string[] {
  // Read as the matcher reads a name (match-facts.ts): the given names as one text, the family name apart,
  // and the text when there are neither.
  const structured = [...nameWords((name.given ?? []).join(' ')), ...nameWords(name.family ?? '')];
  const words = structured.length > 0 ? structured : nameWords(name.text ?? '');
  return [...new Set(words.flatMap(wordKeys))];
}

function wordKeys(w: NameWord): string[] {
  const table = tableName(w);
  return [...(w.skeleton === '' ? [] : [`s:${w.skeleton}`]), ...(table === undefined ? [] : [`v:${table}`])];
}

/** The one key a search looks a word up by: the table's name when it has one, else the skeleton. */
export function searchKeyOfWord(w: NameWord): string | undefined {
  const table = tableName(w);
  if (table !== undefined) return `v:${table}`;
  return w.skeleton === '' ? undefined : `s:${w.skeleton}`;
}
