import type { MatchFacts } from './match-facts.js';
import { searchKeyOfWord } from './blocking-keys.js';

/** How far an estimated birth year may be from the one looked for and still fetch the record. */
const BIRTH_YEARS_AROUND = 5;

/**
 * The searches that fetch the candidates for a duplicate check ("blocks"): each asks the index for records
 * that share something rare with the person, so that a record differing in one thing still shares another.
 * - own name and family name (or father's name when there is no family name), by blocking key;
 * - any phone number;
 * - own name with a birth year around the person's, and family (or father's) name with it, for records
 *   where the other name is missing or spelt past recognition.
 * Each search is run with a cap on its rows; the matcher scores the union.
 */
export function candidateSearches(facts: MatchFacts): [string, string][][] {
  const searches: [string, string][][] = [];
  const years: [string, string][] = facts.birth
    ? [['birthdate', `ge${facts.birth.year - BIRTH_YEARS_AROUND}`], ['birthdate', `le${facts.birth.year + BIRTH_YEARS_AROUND}`]]
    : [];
  for (const name of facts.names) {
    const own = name.first && searchKeyOfWord(name.first);
    const lineWord = name.family ?? name.father;
    const line = lineWord && searchKeyOfWord(lineWord);
    if (own && line) searches.push([['name-key', own], ['name-key', line]]);
    if (own && years.length > 0) searches.push([['name-key', own], ...years]);
    if (line && years.length > 0) searches.push([['name-key', line], ...years]);
    if (own && !line && years.length === 0) searches.push([['name-key', own]]);
  }
  if (facts.phones.length > 0) searches.push([['phone-key', facts.phones.join(',')]]);
  return dedupe(searches);
}

function dedupe(searches: [string, string][][]): [string, string][][] {
  const seen = new Set<string>();
  return searches.filter((s) => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
