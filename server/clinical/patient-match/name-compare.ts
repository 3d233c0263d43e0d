import type { NameWord } from './name-words.js';
import { tableName } from './name-variants.js';

/**
 * How alike two name words are:
 * - `same`: the same spelling, or the same name in the variant table;
 * - `variant`: another spelling of the same name (the same Latin sound, or the same skeleton and nearly the
 *   same sound; across scripts, the same skeleton);
 * - `similar`: could be a typing slip (one letter of the skeleton, or close sounds);
 * - `different`: two names, including two different names of the variant table with the same skeleton.
 */
export type WordAgreement = 'same' | 'variant' | 'similar' | 'different';

export function compareWords(a: NameWord, b: NameWord): WordAgreement {
  if (a.script === b.script && a.spelling === b.spelling) return 'same';
  const nameA = tableName(a);
  const nameB = tableName(b);
  if (nameA !== undefined && nameB !== undefined) return nameA === nameB ? 'same' : 'different';
  if (a.script !== b.script) return crossScript(a, b);
  if (a.script === 'arabic') return arabicScript(a, b);
  return latinScript(a, b);
}

/** Arabic script writes long vowels, so two spellings with one skeleton but other vowels may be two names. */
function arabicScript(a: NameWord, b: NameWord): WordAgreement {
  if (a.skeleton === b.skeleton) return 'similar';
  return oneSlip(a.spelling, b.spelling) ? 'similar' : 'different';
}

function latinScript(a: NameWord, b: NameWord): WordAgreement {
  if (a.sound === b.sound) return 'variant';
  const close = jaroWinkler(a.sound, b.sound);
  if (a.skeleton === b.skeleton) return close >= 0.85 ? 'variant' : 'similar';
  return close >= 0.92 || oneSlip(a.skeleton, b.skeleton) && close >= 0.85 ? 'similar' : 'different';
}

/** Across scripts only consonants compare; a one-consonant skeleton (Aziz, عزيز) needs words of some length. */
function crossScript(a: NameWord, b: NameWord): WordAgreement {
  const long = (w: NameWord) => [...w.spelling].length >= 3;
  if (a.skeleton === b.skeleton && (a.skeleton.length >= 2 || (long(a) && long(b)))) return 'variant';
  return a.skeleton.length >= 3 && oneSlip(a.skeleton, b.skeleton) ? 'similar' : 'different';
}

/** At most one letter inserted, removed or replaced, in words long enough for that to mean a slip. */
function oneSlip(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.min(x.length, y.length) < 3 || Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const tail = (p: number, q: number) => x.slice(p).join('') === y.slice(q).join('');
  return tail(i + 1, i + 1) || tail(i + 1, i) || tail(i, i + 1);
}

/** Jaro–Winkler similarity (0–1), the usual measure for short name strings. */
export function jaroWinkler(s: string, t: string): number {
  const a = [...s];
  const b = [...t];
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const takenB = new Array<boolean>(b.length).fill(false);
  const matchedA: string[] = [];
  a.forEach((ch, i) => {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!takenB[j] && b[j] === ch) {
        takenB[j] = true;
        matchedA.push(ch);
        return;
      }
    }
  });
  const m = matchedA.length;
  if (m === 0) return 0;
  const matchedB = b.filter((_, j) => takenB[j]);
  const transpositions = matchedA.filter((ch, i) => ch !== matchedB[i]).length / 2;
  const jaro = (m / a.length + m / b.length + (m - transpositions) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] !== undefined && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
