/**
 * How one written name part is reduced for comparison, in Arabic script (Arabic, Sorani, Kurmanji in
 * Arabic letters) and in Latin letters. Pure string functions; the words of a whole name are in
 * `name-words.ts`.
 *
 * Two reductions:
 * - the *spelling* of a part: the same letters however they were typed (hamza forms of alef, taa marbuta,
 *   alef maqsura, Kurdish letters, harakat, tatweel; Latin case, accents, digraphs, doubled letters);
 * - its *skeleton*: consonant classes only, in Latin letters from either script, so محمد, Mohammed,
 *   Muhammad and Mohamad all read `mhmd`. Short vowels are not written in Arabic script and vary freely in
 *   Latin, so the skeleton leaves every vowel out, and w/y too except at the start of a word.
 */

export type Script = 'arabic' | 'latin';

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u;

export function scriptOf(part: string): Script {
  return ARABIC_LETTER.test(part) ? 'arabic' : 'latin';
}

/** Arabic-script letters that are the same letter for a name, whoever typed them on which keyboard. */
const ARABIC_FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه',
  'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ۍ': 'ي',
  'ک': 'ك', 'ڪ': 'ك',
  'ؤ': 'و', 'ۆ': 'و', 'ۇ': 'و', 'ۊ': 'و', 'ۏ': 'و',
  'ێ': 'ي', 'ڕ': 'ر', 'ڵ': 'ل', 'ڤ': 'ف', 'ڨ': 'ق',
  '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
};

/**
 * Arabic script: harakat, shadda, sukun, superscript alef and tatweel removed, letter variants folded,
 * hamza on the line and on a yaa seat dropped (Kurdish writes ئ before every initial vowel). Kurdish ڕ ڵ ێ ۆ fold into ر ل ي و as Arabic keyboards write them; Sorani ە is a vowel, written ه at the end
 * of a word on Arabic keyboards (کاوە, كاوه), and left out inside one as Arabic script leaves out short
 * vowels (مەحمود, محمود).
 */
export function foldArabic(part: string): string {
  const bare = part
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu, '')
    .replace(/[ءئ]/gu, '')
    .replace(/ە(?=\p{L})/gu, '')
    .replace(/ە/gu, 'ه');
  let out = '';
  for (const ch of bare) out += ARABIC_FOLD[ch] ?? ch;
  return out.replace(/[^\p{L}\p{N}]/gu, '');
}

/** Latin: lower case without accents (Kurmanji ş ç ê î û; Turkish-style ı), and apostrophes for ayn and hamza dropped. */
export function foldLatin(part: string): string {
  return part
    .toLowerCase()
    .replace(/ş/g, 'sh')
    .replace(/ç/g, 'ch')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

/** The written spelling of a part, folded for its script. */
export function foldPart(part: string): string {
  return scriptOf(part) === 'arabic' ? foldArabic(part) : foldLatin(part);
}

/** Consonant class of each folded Arabic letter; '' for letters that are vowels or not written in Latin. */
const ARABIC_CONSONANT: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ث': 't', 'ج': 'j', 'چ': 'č', 'ح': 'h', 'خ': 'x', 'د': 'd', 'ذ': 'd',
  'ر': 'r', 'ز': 'z', 'ژ': 'j', 'س': 's', 'ش': 'š', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'd', 'ع': '',
  'غ': 'g', 'ف': 'f', 'ق': 'k', 'ك': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'ا': '',
  'و': '', 'ي': '',
};

/** Latin digraphs first, then single letters, to the same classes (š and č stand for sh and ch; zh is
 * Kurdish ژ, which Kurmanji spells j). */
const LATIN_DIGRAPHS: [RegExp, string][] = [
  [/kh/g, 'x'], [/gh/g, 'g'], [/sh/g, 'š'], [/ch/g, 'č'], [/zh/g, 'j'], [/th/g, 't'], [/dh/g, 'd'],
  [/ph/g, 'f'], [/ck/g, 'k'], [/q/g, 'k'], [/c/g, 'k'], [/v/g, 'f'],
];

/** The consonant skeleton of one folded part (see the module comment), doubled classes written once. */
export function skeleton(part: string): string {
  const script = scriptOf(part);
  const folded = foldPart(part);
  let classes = '';
  if (script === 'arabic') {
    const letters = [...stripArabicFinalH(folded)];
    letters.forEach((ch, i) => {
      if (i === 0 && ch === 'و') classes += 'w';
      else if (i === 0 && ch === 'ي') classes += 'y';
      else classes += ARABIC_CONSONANT[ch] ?? '';
    });
  } else {
    let s = folded;
    for (const [from, to] of LATIN_DIGRAPHS) s = s.replace(from, to);
    s = s.replace(/([aeiouy])h$/, '$1');
    [...s].forEach((ch, i) => {
      if (i === 0 && (ch === 'w' || ch === 'y')) classes += ch;
      else if (!/[aeiouwy0-9]/.test(ch)) classes += ch;
    });
  }
  return classes.replace(/(.)\1+/gu, '$1');
}

/** Final ه (taa marbuta folded into it, or a Sorani ە) is a vowel ending that Latin writes as a or e. */
function stripArabicFinalH(folded: string): string {
  return folded.length > 2 ? folded.replace(/ه$/u, '') : folded;
}

/**
 * A Latin spelling with vowels reduced to three classes and letters that vary between transliterations
 * folded (ou/oo/u, ee/ei/ey/i/e, doubled letters), for comparing two Latin spellings letter by letter.
 */
export function latinSound(part: string): string {
  let s = foldLatin(part);
  for (const [from, to] of LATIN_DIGRAPHS) s = s.replace(from, to);
  return s
    .replace(/([aeiouy])h$/, '$1')
    .replace(/(ou|oo|uu|o)/g, 'u')
    .replace(/(?<=.)(ai|ay(?![aeiou]))/g, 'i')
    .replace(/(ee|ei|ey|ie|ii|e|y(?![aeiou]))/g, 'i')
    .replace(/(.)\1+/gu, '$1');
}
