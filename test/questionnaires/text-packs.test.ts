import { describe, expect, it } from 'vitest';
import {
  applyTextPack,
  findTextPack,
  loadDefinition,
  loadShippedTextPacks,
  parseTextPack,
  TEXT_PACK_NOTICE_LINK_ID,
  type TextPack,
} from '../../questionnaires/index.js';
import { allItems } from '../../questionnaires/questionnaire-items.js';

const packs = loadShippedTextPacks();
const HIWA_FORMS = ['CASE_MANAGEMENT', 'CONSENT', 'SAFETY_PLAN'];
const TRANSLATIONS = ['ar', 'ckb', 'kmr'];

describe('shipped text packs', () => {
  it('are English and draft Arabic, Sorani and Kurmanji for Hiwa forms, English only for PHQ-9 and SRQ-20, none for the SDQ', () => {
    const shipped = packs.map((pack) => `${pack.language}/${pack.questionnaire}`).sort();
    expect(shipped).toEqual(
      [...HIWA_FORMS.flatMap((name) => ['en', ...TRANSLATIONS].map((language) => `${language}/${name}`)), 'en/PHQ9', 'en/SRQ20'].sort(),
    );
  });

  it.each(HIWA_FORMS.flatMap((name) => TRANSLATIONS.map((language) => [name, language] as const)))(
    '%s in %s words every item and option and is marked for native review',
    (name, language) => {
      const pack = findTextPack(packs, name, language);
      expect(pack?.reviewStatus).toMatch(/machine-draft.*native speaker/);
      const localized = applyTextPack(loadDefinition(name), pack, language);
      expect(localized.untranslatedLinkIds).toEqual([]);
      expect(localized.unknownLinkIds).toEqual([]);
      expect(localized.notice).toBeUndefined();
      expect(localized.questionnaire.language).toBe(language);
    },
  );

  it.each([...HIWA_FORMS, 'PHQ9', 'SRQ20'])('the English %s pack matches the wording in the definition', (name) => {
    const definition = loadDefinition(name);
    const pack = findTextPack(packs, name, 'en');
    for (const item of allItems(definition.item)) {
      expect(pack?.items[item.linkId]?.text, item.linkId).toBe(item.text);
      for (const option of item.answerOption ?? []) {
        expect(pack?.items[item.linkId]?.answerOptions?.[option.valueCoding?.code ?? ''], item.linkId).toBe(option.valueCoding?.display);
      }
    }
  });
});

describe('applyTextPack', () => {
  it('without an SDQ pack keeps the item numbers and says the wording is not installed', () => {
    const sdq = loadDefinition('SDQ_P4_17');
    const localized = applyTextPack(sdq, undefined, 'ar');
    expect(localized.notice).toEqual({ code: 'wording-not-installed', language: 'ar', message: expect.stringContaining('item numbers are shown') });
    const [notice, ...rest] = localized.questionnaire.item ?? [];
    expect(notice).toEqual({ linkId: TEXT_PACK_NOTICE_LINK_ID, type: 'display', text: localized.notice?.message });
    expect(rest).toEqual(sdq.item);
  });

  it('without an Arabic PHQ-9 pack shows the shipped English, never a made-up translation, and says so', () => {
    const phq9 = loadDefinition('PHQ9');
    const localized = applyTextPack(phq9, undefined, 'ar');
    expect(localized.notice?.code).toBe('translation-not-installed');
    expect(localized.questionnaire.language).toBe('en');
    expect(localized.questionnaire.item?.slice(1)).toEqual(phq9.item);
  });

  it('in the definition language with no pack returns the definition unchanged, without notice', () => {
    const srq20 = loadDefinition('SRQ20');
    expect(applyTextPack(srq20, undefined, 'en')).toEqual({ questionnaire: srq20, untranslatedLinkIds: [], unknownLinkIds: [] });
  });

  it('applies an organisation-installed SDQ pack (here a stand-in with placeholder wording)', () => {
    const sdq = loadDefinition('SDQ_T4_17');
    const pack: TextPack = parseTextPack({
      questionnaire: 'SDQ_T4_17',
      language: 'ckb',
      reviewStatus: 'authorised translation',
      licence: 'youthinmind authorisation (test)',
      items: Object.fromEntries(
        allItems(sdq.item).map((item) => [
          item.linkId,
          { text: `[${item.linkId}]`, ...(item.answerOption === undefined ? {} : { answerOptions: Object.fromEntries(item.answerOption.map((option) => [option.valueCoding?.code, `<${option.valueCoding?.code}>`])) }) },
        ]),
      ),
    });
    const localized = applyTextPack(sdq, pack, 'ckb');
    expect(localized.notice).toBeUndefined();
    expect(localized.reviewStatus).toBe('authorised translation');
    const first = localized.questionnaire.item?.[0];
    expect(first?.text).toBe('[sdq-01-consid]');
    expect(first?.answerOption?.map((option) => option.valueCoding?.display)).toEqual(['<not-true>', '<somewhat-true>', '<certainly-true>']);
    expect(first?.answerOption?.map((option) => option.valueCoding?.code)).toEqual(['not-true', 'somewhat-true', 'certainly-true']);
    expect(first?.answerOption?.[0]?.extension).toEqual(sdq.item?.[0]?.answerOption?.[0]?.extension);
    expect(sdq.item?.[0]?.text).toBe('SDQ item 1');
  });

  it('keeps the definition text where a pack is incomplete, lists those items, and warns', () => {
    const sdq = loadDefinition('SDQ_S11_17');
    const pack = parseTextPack({ questionnaire: 'SDQ_S11_17', language: 'en', reviewStatus: 'partial', items: { 'sdq-01-consid': { text: 'one' }, 'no-such-item': { text: 'x' } } });
    const localized = applyTextPack(sdq, pack, 'en');
    expect(localized.notice?.code).toBe('text-pack-incomplete');
    expect(localized.untranslatedLinkIds).toContain('sdq-02-restles');
    expect(localized.untranslatedLinkIds).toContain('sdq-01-consid'); // its options are not worded
    expect(localized.unknownLinkIds).toEqual(['no-such-item']);
    expect(localized.questionnaire.item?.[0]?.linkId).toBe(TEXT_PACK_NOTICE_LINK_ID);
    expect(localized.questionnaire.item?.[2]?.text).toBe('SDQ item 2');
  });

  it('does not use a pack made for another questionnaire or language', () => {
    const consent = loadDefinition('CONSENT');
    const arabic = findTextPack(packs, 'CONSENT', 'ar');
    const localized = applyTextPack(consent, arabic, 'ckb');
    expect(localized.notice?.code).toBe('text-pack-mismatch');
    expect(localized.questionnaire.item?.slice(1)).toEqual(consent.item);
  });
});

describe('text pack format', () => {
  it.each([
    ['no review status', { questionnaire: 'PHQ9', language: 'ar', items: {} }],
    ['a language that is not a tag', { questionnaire: 'PHQ9', language: 'Arabic', reviewStatus: 'x', items: {} }],
    ['an empty wording', { questionnaire: 'PHQ9', language: 'ar', reviewStatus: 'x', items: { 'phq9-1': { text: '' } } }],
    ['an unknown field', { questionnaire: 'PHQ9', language: 'ar', reviewStatus: 'x', items: {}, wording: {} }],
  ])('rejects %s', (_, json) => {
    expect(() => parseTextPack(json)).toThrow();
  });
});
