import { describe, expect, it } from 'vitest';
import { compareWords } from '../../../server/clinical/patient-match/name-compare.js';
import { variantTableClashes } from '../../../server/clinical/patient-match/name-variants.js';
import { nameWords } from '../../../server/clinical/patient-match/name-words.js';

const one = (written: string) => {
  const words = nameWords(written);
  expect(words).toHaveLength(1);
  return words[0];
};
const agreement = (a: string, b: string) => compareWords(one(a), one(b));
const alike = (a: string, b: string) => ['same', 'variant'].includes(agreement(a, b));

describe('name words', () => {
  it.each([
    ['أحمد', 'احمد'], ['إبراهيم', 'ابراهيم'], ['آلاء', 'الاء'], ['ٱلاء', 'الاء'],
    ['فاطمة', 'فاطمه'], ['على', 'علي'], ['مُحَمَّد', 'محمد'], ['محـــمد', 'محمد'],
    ['عبد الرحمن', 'عبدالرحمن'], ['الجبوري', 'جبوري'],
    ['کاوە', 'كاوه'], ['شیلان', 'شيلان'], ['مەحمود', 'محمود'], ['ڕێبوار', 'ريبوار'],
  ])('Arabic script: %s is spelt as %s', (a, b) => {
    expect(one(a).spelling).toBe(one(b).spelling);
  });

  it.each([
    ['Mohammed', 'Muhammad'], ['Mohammed', 'Mohamad'], ['Abdullah', 'Abd Allah'], ['Abdullah', 'Abdallah'],
    ['Al-Jubouri', 'Aljuburi'], ['Al-Jubouri', 'Jubouri'], ['Abdulrahman', 'Abd al-Rahman'], ['Abdurrahman', 'Abdel Rahman'],
    ['Abdulatif', 'Abd al-Latif'], ['Nuraddin', 'Nour al-Deen'], ['Hussein', 'Husayn'], ['Yousif', 'Yusuf'],
    ['Zhiyar', 'Jiyar'], ['Bêrîvan', 'Berivan'], ['Pakhshan', 'Paxshan'],
  ])('Latin: %s and %s are one name', (a, b) => {
    expect(alike(a, b)).toBe(true);
  });

  it.each([
    ['محمد', 'Mohammed'], ['عبد الله', 'Abdullah'], ['الجبوري', 'Al-Jubouri'], ['عبد اللطيف', 'Abdullatif'],
    ['نور الدين', 'Nuraddin'], ['ڕێبوار', 'Rebwar'], ['شێرکۆ', 'Sherko'], ['عزيز', 'Aziz'], ['ئاوات', 'Awat'],
  ])('across scripts: %s and %s are one name', (a, b) => {
    expect(alike(a, b)).toBe(true);
  });

  it.each([
    ['Hasan', 'Hussein'], ['حسن', 'حسين'], ['Khalid', 'Khalil'], ['Omar', 'Othman'], ['Ali', 'Alaa'],
    ['Salih', 'Salah'], ['Shilan', 'Shirin'], ['حسن', 'Hussein'], ['Abdullah', 'Abdulrahman'],
  ])('%s and %s are two names', (a, b) => {
    expect(agreement(a, b)).toBe('different');
  });

  it('a whole name in parts: the article written apart and a compound given name are single words', () => {
    expect(nameWords('عبد الله كاظم ال جبوري').map((w) => w.skeleton)).toEqual(['bd', 'kdm', 'jbr']);
    expect(nameWords('Abd al-Rahman Salih Al Obaidi').map((w) => w.skeleton)).toEqual(['bdrhmn', 'sl', 'bd']);
  });

  it('the variant table gives no spelling to two names', () => {
    expect(variantTableClashes()).toEqual([]);
  });
});
