import { describe, expect, it } from 'vitest';
import { matchFacts } from '../../../server/clinical/patient-match/match-facts.js';
import { scoreMatch } from '../../../server/clinical/patient-match/match-score.js';
import { labelledPairs } from './labelled-pairs.js';

/**
 * Quality of the duplicate check on the labelled set: a pair counts as flagged when it is graded `probable`
 * or `certain`. Precision is the share of flagged pairs that are one person, recall the share of one-person
 * pairs that are flagged. These are figures on a fixed set, so they are asserted.
 */
const pairs = labelledPairs();
const arabic = /[\u0600-\u06FF]/u;
const scriptOf = (p: (typeof pairs)[number]['a']) => (arabic.test(JSON.stringify(p.name)) ? 'arabic' : 'latin');

function measure(subset: typeof pairs) {
  let flaggedSame = 0;
  let flaggedOther = 0;
  for (const pair of subset) {
    const { grade } = scoreMatch(matchFacts(pair.a), matchFacts(pair.b));
    if (grade !== 'certain' && grade !== 'probable') continue;
    if (pair.samePerson) flaggedSame++;
    else flaggedOther++;
  }
  const same = subset.filter((p) => p.samePerson).length;
  return {
    pairs: subset.length,
    samePerson: same,
    precision: flaggedSame / (flaggedSame + flaggedOther),
    recall: flaggedSame / same,
  };
}

describe('the labelled set of registrations', () => {
  it('has at least 300 pairs: one person and two, in both scripts and across them', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    expect(pairs.filter((p) => p.samePerson).length).toBeGreaterThanOrEqual(100);
    expect(pairs.filter((p) => !p.samePerson && p.cluster !== 'strangers').length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(pairs.map((p) => [scriptOf(p.a), scriptOf(p.b)].sort().join('-')));
    expect([...kinds].sort()).toEqual(['arabic-arabic', 'arabic-latin', 'latin-latin']);
  });

  it('at probable or better: precision at least 0.95 and recall at least 0.90', () => {
    const all = measure(pairs);
    const crossScript = measure(pairs.filter((p) => scriptOf(p.a) !== scriptOf(p.b)));
    const format = (m: ReturnType<typeof measure>) =>
      `${m.pairs} pairs (${m.samePerson} one person): precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}`;
    console.log(`Patient/$match on the labelled set — all: ${format(all)}; across scripts: ${format(crossScript)}`);
    expect(all.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.recall).toBeGreaterThanOrEqual(0.9);
  });
});
