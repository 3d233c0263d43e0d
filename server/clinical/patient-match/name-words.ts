import { foldPart, latinSound, scriptOf, skeleton, type Script } from './name-spelling.js';

/**
 * The words of a written name, each reduced for comparison. Arabic names are written in parts that
 * belong together and with an article that comes and goes, so before any comparison:
 * - `عبد ال…` / Abd al-… written together or apart is one word (عبد الرحمن = عبدالرحمن = Abdulrahman =
 *   Abd al-Rahman = Abdurrahman), and so is Abu … (ابو بكر = Abu Bakr); `… الدين` / …-ud-Din written
 *   together or apart is one word too (نور الدين = Nuraddin = Nour al-Deen);
 * - the article `ال` / al-, el- (and its assimilated forms ar-, as-, ash-, …) is dropped, written apart,
 *   with a hyphen or, when enough of the word is left to be sure, joined (Aljuburi, الجبوري).
 * The article's l and the first letter of what follows Abd are one sound in Latin spellings (Abdulatif,
 * Abdullatif, عبد اللطيف), so a compound keeps what follows without a leading l.
 */
export interface NameWord {
  script: Script;
  /** the folded spelling without the article; `·` separates the parts of a compound */
  spelling: string;
  /** consonant skeleton in Latin classes, comparable across scripts */
  skeleton: string;
  /** Latin words: the spelling with vowels and transliteration variants folded; Arabic words: the spelling */
  sound: string;
}

const LATIN_ARTICLES = new Set(['al', 'el', 'ul', 'il', 'ad', 'ar', 'as', 'at', 'az', 'an', 'ash', 'ath', 'ed', 'er', 'es', 'ud', 'ur', 'us', 'un']);
const ARABIC_ARTICLE = 'ال';
/** the first word of a compound written apart, and the canonical form of it */
const LATIN_COMPOUND_HEADS: Record<string, string> = { abd: 'abd', abdul: 'abd', abdel: 'abd', abdal: 'abd', abdil: 'abd', abu: 'abu', abou: 'abu', abo: 'abu' };
const ARABIC_COMPOUND_HEADS = new Set(['عبد', 'ابو']);
const LATIN_DIN_WORD = /^(?:[aeiu][dl]?)?d(?:i|ee)n$/;
const LATIN_DIN_END = /^([a-z]{2,}?)(?:[aeiu]l|[aeiu](?=d))?d+(?:i|ee)n$/;
const ARABIC_DIN_END = /^(.{2,}?)(?:ال)?دين$/u;

interface Part {
  script: Script;
  head?: string;
  text: string;
}

/** The words of one written part (a given name, a family name, or a whole name typed as text). */
export function nameWords(written: string): NameWord[] {
  const tokens = written
    .split(/[\s\-‐–_.,،/]+/u)
    .map((token) => ({ folded: foldPart(token), script: scriptOf(token) }))
    .filter((t) => t.folded !== '');
  const parts: Part[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { folded, script } = tokens[i];
    if (isArticle(folded, script)) continue;
    const last = parts.at(-1);
    if (last && last.head === undefined && isDinWord(folded, script)) {
      last.head = last.text;
      last.text = script === 'arabic' ? 'دين' : 'din';
      continue;
    }
    const head = compoundHead(folded, script);
    let next = i + 1;
    while (head && next < tokens.length && isArticle(tokens[next].folded, tokens[next].script)) next++;
    if (head && next < tokens.length) {
      parts.push({ script, head, text: tokens[next].folded });
      i = next;
      continue;
    }
    parts.push(splitCompound(script, folded));
  }
  return parts.map(word);
}

function isArticle(folded: string, script: Script): boolean {
  return script === 'arabic' ? folded === ARABIC_ARTICLE : LATIN_ARTICLES.has(folded);
}

function isDinWord(folded: string, script: Script): boolean {
  return script === 'arabic' ? folded === 'الدين' || folded === 'دين' : LATIN_DIN_WORD.test(folded);
}

function compoundHead(folded: string, script: Script): string | undefined {
  if (script === 'arabic') return ARABIC_COMPOUND_HEADS.has(folded) ? folded : undefined;
  return LATIN_COMPOUND_HEADS[folded];
}

/** A compound written as one word (Abdulrahman, عبدالرحمن, ابوبكر, Nuraddin, نورالدين), or a plain word. */
function splitCompound(script: Script, text: string): Part {
  if (script === 'arabic') {
    const abd = /^(عبد|ابو)(.{2,})$/u.exec(text);
    if (abd) return { script, head: abd[1], text: abd[2] };
    const din = ARABIC_DIN_END.exec(text);
    if (din) return { script, head: din[1], text: 'دين' };
    return { script, text: /^ال.{3,}$/u.test(text) ? text.slice(2) : text };
  }
  const abd = /^abd((?:[aeiu]l|[aeiu](?=([b-df-hj-np-tv-z])\2))?.{2,})$/.exec(text);
  if (abd) return { script, head: 'abd', text: abd[1] };
  const din = LATIN_DIN_END.exec(text);
  if (din) return { script, head: din[1], text: 'din' };
  const assimilated = /^[aeu]([tdrzsn])\1(.{3,})$/.exec(text);
  if (assimilated) return { script, text: assimilated[1] + assimilated[2] };
  return { script, text: /^(al|el).{4,}$/.test(text) ? text.slice(2) : text };
}

/** What follows Abd/Abu without its article and without the article's l (see the module comment). */
function compoundRest(part: Part & { head: string }): string {
  if (part.text === 'din' || part.text === 'دين') return part.text;
  if (part.script === 'arabic') return part.text.replace(/^(ال)?/u, '').replace(/^ل/u, '');
  return part.text.replace(/^(?:[aeiu]l|[aeiu](?=([b-df-hj-np-tv-z])\1))/, '').replace(/^l+/, '');
}

function word(part: Part): NameWord {
  const { script } = part;
  if (part.head === undefined) {
    return { script, spelling: part.text, skeleton: skeleton(part.text), sound: script === 'latin' ? latinSound(part.text) : part.text };
  }
  const head = script === 'latin' ? (LATIN_COMPOUND_HEADS[part.head] ?? part.head) : part.head;
  const rest = compoundRest({ ...part, head });
  return {
    script,
    spelling: `${head}·${rest}`,
    skeleton: skeleton(head + rest).replace(/(.)\1+/gu, '$1'),
    sound: script === 'latin' ? `${latinSound(head)}·${latinSound(rest)}` : `${head}·${rest}`,
  };
}
