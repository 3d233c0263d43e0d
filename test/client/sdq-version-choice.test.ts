import { describe, expect, it } from 'vitest';
import { chooseSdqVersion, findSdqVersion, offersSdq, SDQ_VERSION_OFFERS, sdqInformantsFor } from '../../client/src/questionnaire/sdq-version-choice.js';
import { loadDefinitions, SDQ_VERSIONS } from '../../questionnaires/index.js';

const versionFor = (age: number | undefined, informant: 'parent' | 'teacher' | 'self') => {
  const choice = chooseSdqVersion(age, informant);
  return choice.kind === 'version' ? choice.offer.form.name : choice.kind;
};

describe('which SDQ version a beneficiary gets', () => {
  it('by age and informant: 2–4 versions under 4, 4–17 from 4, the self-report from 11', () => {
    expect([2, 3, 4, 9, 11, 17].map((age) => [age, versionFor(age, 'parent'), versionFor(age, 'teacher'), versionFor(age, 'self')])).toEqual([
      [2, 'SDQ_P2_4', 'SDQ_T2_4', 'informant-not-for-age'],
      [3, 'SDQ_P2_4', 'SDQ_T2_4', 'informant-not-for-age'],
      [4, 'SDQ_P4_17', 'SDQ_T4_17', 'informant-not-for-age'],
      [9, 'SDQ_P4_17', 'SDQ_T4_17', 'informant-not-for-age'],
      [11, 'SDQ_P4_17', 'SDQ_T4_17', 'SDQ_S11_17'],
      [17, 'SDQ_P4_17', 'SDQ_T4_17', 'SDQ_S11_17'],
    ]);
  });

  it('no version below 2 or above 17; an unknown age leaves the choice to the person filling in', () => {
    expect(chooseSdqVersion(1, 'parent')).toEqual({ kind: 'outside-ages', age: 1 });
    expect(chooseSdqVersion(18, 'self')).toEqual({ kind: 'outside-ages', age: 18 });
    expect(chooseSdqVersion(undefined, 'teacher')).toEqual({ kind: 'age-unknown' });
    expect(offersSdq(34)).toBe(false);
    expect(offersSdq(undefined)).toBe(true);
  });

  it('who may answer: parent and teacher for a 9-year-old, the young person too from 11', () => {
    expect(sdqInformantsFor(9)).toEqual(['parent', 'teacher']);
    expect(sdqInformantsFor(14)).toEqual(['parent', 'teacher', 'self']);
    expect(sdqInformantsFor(40)).toEqual([]);
  });

  it('every offer is a shipped SDQ definition whose informant agrees with the scoring rules', () => {
    const shipped = new Set(loadDefinitions().map((q) => q.name));
    for (const offer of SDQ_VERSION_OFFERS) {
      expect(shipped.has(offer.form.name), offer.form.name).toBe(true);
      expect(SDQ_VERSIONS[offer.form.name].informant).toBe(offer.informant);
      expect(findSdqVersion(offer.form.slug)).toBe(offer.form);
    }
    expect(SDQ_VERSION_OFFERS.map((o) => o.form.name).sort()).toEqual(Object.keys(SDQ_VERSIONS).sort());
  });
});
