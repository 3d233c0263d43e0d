import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { optionWeight } from '../../questionnaires/answer-options.js';
import { CRITICAL_ITEM_EXTENSION, loadDefinition, loadDefinitions, SDQ_VERSIONS } from '../../questionnaires/index.js';
import { allItems } from '../../questionnaires/questionnaire-items.js';
import { PHQ9_ITEM_LINK_IDS } from '../../questionnaires/scoring/phq9.js';
import { SDQ_ITEM_NAMES, SDQ_REVERSE_SCORED_ITEMS, SDQ_SUBSCALE_ITEMS, sdqItemLinkId } from '../../questionnaires/scoring/sdq-items.js';
import { SRQ20_ITEM_LINK_IDS } from '../../questionnaires/scoring/srq20.js';

const definitions = loadDefinitions();
const byName = (name: string): Questionnaire => loadDefinition(name);
const items = (questionnaire: Questionnaire): QuestionnaireItem[] => allItems(questionnaire.item);
const itemOf = (questionnaire: Questionnaire, linkId: string): QuestionnaireItem => {
  const found = items(questionnaire).find((item) => item.linkId === linkId);
  if (found === undefined) throw new Error(`${questionnaire.name} has no ${linkId}`);
  return found;
};
const weightsOf = (item: QuestionnaireItem) => item.answerOption?.map(optionWeight) ?? [];
const codesOf = (item: QuestionnaireItem) => item.answerOption?.map((option) => option.valueCoding?.code) ?? [];

const SDQ_NAMES = Object.keys(SDQ_VERSIONS);

describe('every shipped definition', () => {
  it('is one of the contract names plus Hiwa forms', () => {
    expect(definitions.map((questionnaire) => questionnaire.name)).toEqual([
      'PHQ9', 'SRQ20', 'SDQ_P4_17', 'SDQ_T4_17', 'SDQ_P2_4', 'SDQ_T2_4', 'SDQ_S11_17', 'CASE_MANAGEMENT', 'CONSENT', 'SAFETY_PLAN',
    ]);
  });

  it.each(definitions.map((questionnaire) => [questionnaire.name, questionnaire] as const))('%s is active, versioned and addressable', (name, questionnaire) => {
    expect(questionnaire).toMatchObject({ resourceType: 'Questionnaire', status: 'active', version: '1.0.0', url: `https://hiwa.health/fhir/Questionnaire/${name}` });
    expect(questionnaire.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expect(questionnaire.copyright).toBeTruthy();
  });

  it.each(definitions.map((questionnaire) => [questionnaire.name, questionnaire] as const))('%s has unique linkIds', (_, questionnaire) => {
    const linkIds = items(questionnaire).map((item) => item.linkId);
    expect(new Set(linkIds).size).toBe(linkIds.length);
  });

  it.each(definitions.map((questionnaire) => [questionnaire.name, questionnaire] as const))('%s weights all options of an item or none', (_, questionnaire) => {
    for (const item of items(questionnaire)) {
      const weighted = weightsOf(item).filter((weight) => weight !== undefined);
      expect([0, item.answerOption?.length ?? 0], item.linkId).toContain(weighted.length);
    }
  });
});

describe('the items the scoring reads are weighted in the definitions', () => {
  const scored: [string, readonly string[]][] = [
    ['PHQ9', PHQ9_ITEM_LINK_IDS],
    ['SRQ20', SRQ20_ITEM_LINK_IDS],
    ...SDQ_NAMES.map((name): [string, readonly string[]] => [
      name,
      [...SDQ_ITEM_NAMES.map((_, index) => sdqItemLinkId(index + 1)), 'sdq-impact-overall', 'sdq-impact-distress', ...(SDQ_VERSIONS[name as keyof typeof SDQ_VERSIONS].interferenceLinkIds)],
    ]),
  ];
  it.each(scored)('%s', (name, linkIds) => {
    const questionnaire = byName(name);
    for (const linkId of linkIds) {
      const weights = weightsOf(itemOf(questionnaire, linkId));
      expect(weights.length, linkId).toBeGreaterThan(0);
      expect(weights.every((weight) => weight !== undefined), linkId).toBe(true);
    }
  });
});

describe('PHQ-9 definition', () => {
  const phq9 = byName('PHQ9');
  it('carries LOINC 44249-1 and the LOINC code of each item', () => {
    expect(phq9.code).toEqual([expect.objectContaining({ system: 'http://loinc.org', code: '44249-1' })]);
    const codes = ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8', '69722-7'];
    codes.forEach((code, index) => expect(itemOf(phq9, `phq9-${index + 1}`).code).toEqual([{ system: 'http://loinc.org', code }]));
  });

  it('offers Not at all … Nearly every day in printed order, weighted 0–3, for items 1–9', () => {
    for (const linkId of PHQ9_ITEM_LINK_IDS) {
      expect(codesOf(itemOf(phq9, linkId))).toEqual(['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']);
      expect(weightsOf(itemOf(phq9, linkId))).toEqual([0, 1, 2, 3]);
    }
  });

  it('leaves item 10 unweighted, its LOINC answers in printed order', () => {
    expect(codesOf(itemOf(phq9, 'phq9-10'))).toEqual(['LA6572-7', 'LA6573-5', 'LA6575-0', 'LA6574-3']);
    expect(weightsOf(itemOf(phq9, 'phq9-10'))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('credits Pfizer', () => expect(phq9.copyright).toMatch(/Pfizer/));
});

describe('SRQ-20 definition', () => {
  const srq20 = byName('SRQ20');
  it('asks 20 yes/no questions, Yes first, weighted 1 and 0', () => {
    expect(SRQ20_ITEM_LINK_IDS).toHaveLength(20);
    for (const linkId of SRQ20_ITEM_LINK_IDS) {
      expect(codesOf(itemOf(srq20, linkId))).toEqual(['LA33-6', 'LA32-8']);
      expect(weightsOf(itemOf(srq20, linkId))).toEqual([1, 0]);
    }
  });
  it('states the 30-day reference period in the stem', () => expect(itemOf(srq20, 'srq20-stem').text).toMatch(/30 days/));
  it('marks item 17 as critical', () => expect(itemOf(srq20, 'srq20-17').extension).toEqual([{ url: CRITICAL_ITEM_EXTENSION, valueBoolean: true }]));
});

describe.each(SDQ_NAMES)('%s definition', (name) => {
  const sdq = byName(name);
  const numbered = SDQ_ITEM_NAMES.map((_, index) => itemOf(sdq, sdqItemLinkId(index + 1)));

  it('has the 25 items under their sdqinfo names, in order', () => {
    expect(numbered.map((item) => item.linkId).slice(0, 3)).toEqual(['sdq-01-consid', 'sdq-02-restles', 'sdq-03-somatic']);
    expect(sdq.item?.slice(0, 25).map((item) => item.linkId)).toEqual(numbered.map((item) => item.linkId));
  });

  it('ships no item wording, only item numbers, and the youthinmind notice', () => {
    numbered.forEach((item, index) => expect(item.text).toBe(`SDQ item ${index + 1}`));
    expect(sdq.language).toBeUndefined();
    expect(sdq.copyright).toMatch(/youthinmind/);
  });

  it('scores Not true, Somewhat true, Certainly true as 0, 1, 2, reversed (2, 1, 0) for items 7, 11, 14, 21, 25', () => {
    numbered.forEach((item, index) => {
      expect(codesOf(item)).toEqual(['not-true', 'somewhat-true', 'certainly-true']);
      expect(weightsOf(item)).toEqual(SDQ_REVERSE_SCORED_ITEMS.includes(index + 1) ? [2, 1, 0] : [0, 1, 2]);
    });
  });

  it('has the impact supplement for its informant, with distress and interference recoded 0, 0, 1, 2', () => {
    const version = SDQ_VERSIONS[name as keyof typeof SDQ_VERSIONS];
    const supplement = itemOf(sdq, 'sdq-impact').item?.map((item) => item.linkId);
    expect(supplement).toEqual(['sdq-impact-overall', 'sdq-impact-chronicity', 'sdq-impact-distress', ...version.interferenceLinkIds, 'sdq-impact-burden']);
    for (const linkId of ['sdq-impact-distress', ...version.interferenceLinkIds]) {
      expect(codesOf(itemOf(sdq, linkId))).toEqual(['not-at-all', 'only-a-little', 'quite-a-lot', 'a-great-deal']);
      expect(weightsOf(itemOf(sdq, linkId))).toEqual([0, 0, 1, 2]);
    }
    expect(codesOf(itemOf(sdq, 'sdq-impact-overall'))).toEqual(['no', 'yes-minor', 'yes-definite', 'yes-severe']);
    expect(weightsOf(itemOf(sdq, 'sdq-impact-chronicity')).every((weight) => weight === undefined)).toBe(true);
    expect(weightsOf(itemOf(sdq, 'sdq-impact-burden')).every((weight) => weight === undefined)).toBe(true);
  });

  it('covers every item in exactly one scale', () => {
    expect(Object.values(SDQ_SUBSCALE_ITEMS).flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
  });
});

describe("Hiwa's own forms", () => {
  it('the case-management form has the groups of the issue, in order, and alerting risk items', () => {
    const form = byName('CASE_MANAGEMENT');
    expect(form.item?.map((item) => item.linkId)).toEqual([
      'cm-identification', 'cm-household', 'cm-displacement', 'cm-presenting-problems', 'cm-history',
      'cm-current-risk', 'cm-functioning', 'cm-service-needs', 'cm-care-decision',
    ]);
    const critical = items(form).filter((item) => item.extension?.some((extension) => extension.url === CRITICAL_ITEM_EXTENSION && extension.valueBoolean === true));
    expect(critical.map((item) => item.linkId)).toEqual(['cm-risk-suicidal-thoughts', 'cm-risk-suicide-plan', 'cm-risk-recent-self-harm']);
    expect(codesOf(itemOf(form, 'cm-iasc-layer'))).toEqual(['layer-1', 'layer-2', 'layer-3', 'layer-4']);
  });

  it('the consent form holds every element of the reference', () => {
    const linkIds = items(byName('CONSENT')).map((item) => item.linkId);
    expect(linkIds).toEqual(expect.arrayContaining([
      'consent-to-services', 'consent-to-data-collection', 'consent-to-electronic-storage',
      'consent-sharing-organisation', 'consent-sharing-data-categories', 'consent-sharing-valid-until',
      'consent-contact-channels', 'consent-contact-safe-times', 'consent-contact-safe-number',
      'consent-reporting-opt-in', 'consent-research-opt-in', 'consent-explained-confidentiality-limits',
      'consent-child-assent', 'consent-caregiver-consent', 'consent-caregiver-relationship',
    ]));
    expect(itemOf(byName('CONSENT'), 'consent-sharing').repeats).toBe(true);
  });

  it('the safety plan has the six steps in order, then reasons for living and the review date', () => {
    const plan = byName('SAFETY_PLAN');
    expect(plan.item?.map((item) => item.linkId)).toEqual([
      'sp-warning-signs', 'sp-coping', 'sp-distraction', 'sp-help', 'sp-professionals', 'sp-safe-environment', 'sp-reasons-for-living', 'sp-review',
    ]);
    for (const contact of ['sp-distraction-person', 'sp-help-contact', 'sp-professional', 'sp-emergency']) {
      expect(itemOf(plan, contact)).toMatchObject({ type: 'group', repeats: true });
      expect(itemOf(plan, contact).item?.map((item) => item.linkId)).toEqual([`${contact}-name`, `${contact}-phone`]);
    }
    expect(itemOf(plan, 'sp-review-date')).toMatchObject({ type: 'date', required: true });
  });
});
