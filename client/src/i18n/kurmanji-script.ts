// Kurmanji written in Latin letters (Hawar alphabet) spelled in the Kurdish Arabic-script alphabet used in
// Duhok. A letter-by-letter rendering, good enough for a draft a native speaker then reviews; it never
// touches `{placeholders}` or acronyms such as PHQ-9.

const LETTERS: Readonly<Record<string, string>> = {
  a: 'ا', b: 'ب', c: 'ج', ç: 'چ', d: 'د', e: 'ە', ê: 'ێ', f: 'ف', g: 'گ', h: 'ھ', ḧ: 'ح', i: '', î: 'ی', j: 'ژ', k: 'ک',
  l: 'ل', m: 'م', n: 'ن', o: 'ۆ', p: 'پ', q: 'ق', r: 'ر', s: 'س', ş: 'ش', t: 'ت', u: 'و', û: 'وو', v: 'ڤ', w: 'و', x: 'خ',
  y: 'ی', z: 'ز',
};
const VOWELS = new Set(['a', 'e', 'ê', 'i', 'î', 'o', 'u', 'û']);
const PUNCTUATION: Readonly<Record<string, string>> = { ',': '،', '?': '؟', ';': '؛' };
// a word starting with a vowel is written with a hamza seat before it
const HAMZA_SEAT = 'ئ';

function spellWord(word: string): string {
  const lower = word.toLocaleLowerCase('ku');
  let spelled = VOWELS.has(lower[0] ?? '') ? HAMZA_SEAT : '';
  for (const letter of lower) spelled += LETTERS[letter] ?? letter;
  return spelled;
}

/** The text in Arabic script; placeholders, acronyms, digits and symbols pass through unchanged. */
export function kurmanjiInArabicScript(latin: string): string {
  return latin
    .split(/(\{\w+\}|[A-Za-zÇçÊêÎîŞşÛûḦḧ]+|[,?;])/)
    .map((part) => {
      if (part.startsWith('{') || /^[A-Z0-9-]{2,}$/.test(part)) return part;
      if (part in PUNCTUATION) return PUNCTUATION[part];
      return /^[A-Za-zÇçÊêÎîŞşÛûḦḧ]+$/.test(part) ? spellWord(part) : part;
    })
    .join('');
}
