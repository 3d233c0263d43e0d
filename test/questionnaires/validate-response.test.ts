import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { checkResponseAgainstQuestionnaire, loadDefinition } from '../../questionnaires/index.js';
import { PHQ9_ITEM_LINK_IDS } from '../../questionnaires/scoring/phq9.js';
import { respond, weightsSumming } from './fixtures.js';

const PHQ9 = loadDefinition('PHQ9');
const CASE_MANAGEMENT = loadDefinition('CASE_MANAGEMENT');
const CONSENT = loadDefinition('CONSENT');
const completePhq9 = () => respond(PHQ9, weightsSumming(PHQ9_ITEM_LINK_IDS, 5, 3));
const check = checkResponseAgainstQuestionnaire;

/** A small form to show each rule on its own. */
const FORM: Questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  item: [
    { linkId: 'smokes', type: 'boolean', required: true },
    { linkId: 'per-day', type: 'integer', required: true, enableWhen: [{ question: 'smokes', operator: '=', answerBoolean: true }] },
    {
      linkId: 'problem',
      type: 'choice',
      answerOption: [{ valueCoding: { system: 'urn:test', code: 'a' } }, { valueCoding: { system: 'urn:test', code: 'b' } }],
      item: [{ linkId: 'problem-detail', type: 'string', required: true }],
    },
  ],
};
const formResponse = (item: QuestionnaireResponse['item'], status: QuestionnaireResponse['status'] = 'completed'): QuestionnaireResponse => ({
  resourceType: 'QuestionnaireResponse',
  status,
  item,
});

describe('checkResponseAgainstQuestionnaire', () => {
  it('finds nothing wrong with a well-formed completed response', () => {
    expect(check(PHQ9, completePhq9())).toEqual([]);
  });

  it('refuses a completed or amended response without a single answer, and lets a draft be empty', () => {
    const noAnswers = { code: 'no-answers', expression: 'QuestionnaireResponse.item', message: expect.stringContaining('at least one answer') };
    expect(check(PHQ9, formResponse([]))).toEqual([noAnswers]);
    expect(check(PHQ9, formResponse([{ linkId: 'phq9-1' }, { linkId: 'phq9-2', answer: [] }], 'amended'))).toEqual([noAnswers]);
    expect(check(PHQ9, formResponse(undefined, 'in-progress'))).toEqual([]);
  });

  it('names an unknown linkId by its path', () => {
    const response = completePhq9();
    response.item?.push({ linkId: 'phq9-11', answer: [{ valueBoolean: true }] });
    expect(check(PHQ9, response)).toEqual([
      { code: 'unknown-link-id', linkId: 'phq9-11', expression: 'QuestionnaireResponse.item[9]', message: expect.stringContaining('phq9-11') },
    ]);
  });

  it('treats an item outside its group as unknown there', () => {
    const sdq = loadDefinition('SDQ_P4_17');
    const response: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'in-progress', item: [{ linkId: 'sdq-impact-distress', answer: [{ valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/sdq-answers', code: 'not-at-all' } }] }] };
    expect(check(sdq, response).map((issue) => [issue.code, issue.expression])).toEqual([['unknown-link-id', 'QuestionnaireResponse.item[0]']]);
  });

  it('rejects an answer of the wrong type for the item', () => {
    const response = completePhq9();
    const third = response.item?.[2];
    if (third !== undefined) third.answer = [{ valueString: 'often' }];
    expect(check(PHQ9, response)).toEqual([
      { code: 'wrong-answer-type', linkId: third?.linkId, expression: 'QuestionnaireResponse.item[2].answer[0]', message: expect.stringContaining('valueCoding') },
    ]);
  });

  it('rejects a value that does not fit its type (a fractional integer)', () => {
    const issues = check(FORM, formResponse([{ linkId: 'smokes', answer: [{ valueBoolean: true }] }, { linkId: 'per-day', answer: [{ valueInteger: 2.5 }] }]));
    expect(issues.map((issue) => [issue.code, issue.expression])).toEqual([['wrong-answer-type', 'QuestionnaireResponse.item[1].answer[0]']]);
  });

  it('rejects an answer with no value', () => {
    const issues = check(FORM, formResponse([{ linkId: 'smokes', answer: [{}] }]));
    expect(issues.map((issue) => issue.code)).toContain('wrong-answer-type');
  });

  it('rejects an answer to a group', () => {
    const response = respond(CONSENT, { 'consent-to-services': true }, { status: 'in-progress' });
    const group = response.item?.[0];
    if (group !== undefined) group.answer = [{ valueBoolean: true }];
    expect(check(CONSENT, response).map((issue) => [issue.code, issue.expression])).toEqual([['wrong-answer-type', 'QuestionnaireResponse.item[0].answer[0]']]);
  });

  it('rejects a coding that is not among the answer options, also when only the system differs', () => {
    const response = completePhq9();
    const first = response.item?.[0];
    const second = response.item?.[1];
    if (first !== undefined) first.answer = [{ valueCoding: { system: 'http://loinc.org', code: 'LA33-6' } }];
    if (second !== undefined) second.answer = [{ valueCoding: { system: 'urn:other', code: 'LA6568-5' } }];
    expect(check(PHQ9, response).map((issue) => [issue.code, issue.linkId, issue.expression])).toEqual([
      ['answer-not-in-options', 'phq9-1', 'QuestionnaireResponse.item[0].answer[0]'],
      ['answer-not-in-options', 'phq9-2', 'QuestionnaireResponse.item[1].answer[0]'],
    ]);
  });

  it('rejects several answers to a question that does not repeat', () => {
    const response = completePhq9();
    const first = response.item?.[0];
    first?.answer?.push({ valueCoding: { system: 'http://loinc.org', code: 'LA6569-3' } });
    expect(check(PHQ9, response).map((issue) => [issue.code, issue.expression])).toEqual([['repeats-violated', 'QuestionnaireResponse.item[0].answer[1]']]);
  });

  it('rejects a question that appears twice', () => {
    const response = completePhq9();
    const first = response.item?.[0];
    if (first !== undefined) response.item?.push(structuredClone(first));
    expect(check(PHQ9, response).map((issue) => [issue.code, issue.expression])).toEqual([['repeats-violated', 'QuestionnaireResponse.item[9]']]);
  });

  it('accepts several answers to a repeating question and several instances of a repeating group', () => {
    const livesWith = respond(CASE_MANAGEMENT, { 'cm-lives-with': ['spouse', 'children'] }, { status: 'in-progress' });
    expect(check(CASE_MANAGEMENT, livesWith)).toEqual([]);
    const sharing = { linkId: 'consent-sharing', item: [{ linkId: 'consent-sharing-organisation', answer: [{ valueString: 'Org A' }] }] };
    const twoOrganisations: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'in-progress', item: [sharing, structuredClone(sharing)] };
    expect(check(CONSENT, twoOrganisations)).toEqual([]);
  });

  it('reports required items missing from a completed response, at their parent', () => {
    const response = respond(CASE_MANAGEMENT, { 'cm-assessment-date': '2025-03-01', 'cm-main-concern': 'sleep', 'cm-risk-suicidal-thoughts': false });
    expect(check(CASE_MANAGEMENT, response).map((issue) => [issue.code, issue.linkId, issue.expression])).toEqual([
      ['required-missing', 'cm-care-decision', 'QuestionnaireResponse'],
    ]);
    const withGroup = respond(CASE_MANAGEMENT, { 'cm-assessment-date': '2025-03-01', 'cm-main-concern': 'sleep', 'cm-risk-suicidal-thoughts': false, 'cm-next-steps': 'follow up' });
    expect(check(CASE_MANAGEMENT, withGroup).map((issue) => [issue.code, issue.linkId, issue.expression])).toEqual([
      ['required-missing', 'cm-iasc-layer', 'QuestionnaireResponse.item[3]'],
    ]);
  });

  it('checks required items in each instance of a repeating group', () => {
    const response = respond(CONSENT, {}, { status: 'in-progress' });
    response.item = [
      { linkId: 'consent-sharing', item: [{ linkId: 'consent-sharing-organisation', answer: [{ valueString: 'Org A' }] }, { linkId: 'consent-sharing-permitted', answer: [{ valueBoolean: true }] }, { linkId: 'consent-sharing-valid-until', answer: [{ valueDate: '2026-01-01' }] }] },
      { linkId: 'consent-sharing', item: [{ linkId: 'consent-sharing-organisation', answer: [{ valueString: 'Org B' }] }, { linkId: 'consent-sharing-permitted', answer: [{ valueBoolean: true }] }] },
    ];
    response.status = 'completed';
    const issues = check(CONSENT, response).filter((issue) => issue.expression !== 'QuestionnaireResponse');
    expect(issues.map((issue) => [issue.code, issue.linkId, issue.expression])).toEqual([['required-missing', 'consent-sharing-valid-until', 'QuestionnaireResponse.item[1]']]);
  });

  it('does not ask for required items while the response is in progress', () => {
    expect(check(CASE_MANAGEMENT, respond(CASE_MANAGEMENT, {}, { status: 'in-progress' }))).toEqual([]);
  });

  it('does not require an item that enableWhen switches off', () => {
    expect(check(FORM, formResponse([{ linkId: 'smokes', answer: [{ valueBoolean: false }] }]))).toEqual([]);
    expect(check(FORM, formResponse([{ linkId: 'smokes', answer: [{ valueBoolean: true }] }])).map((issue) => [issue.code, issue.linkId])).toEqual([['required-missing', 'per-day']]);
  });

  it('follows items nested under an answer', () => {
    const response = formResponse(
      [
        { linkId: 'smokes', answer: [{ valueBoolean: false }] },
        { linkId: 'problem', answer: [{ valueCoding: { system: 'urn:test', code: 'a' }, item: [{ linkId: 'problem-detail', answer: [{ valueInteger: 3 }] }] }] },
      ],
    );
    expect(check(FORM, response).map((issue) => [issue.code, issue.expression])).toEqual([['wrong-answer-type', 'QuestionnaireResponse.item[1].answer[0].item[0].answer[0]']]);
  });
});

describe("required sections of Hiwa's forms", () => {
  it.each([
    ['CASE_MANAGEMENT', ['cm-identification', 'cm-presenting-problems', 'cm-current-risk', 'cm-care-decision']],
    ['CONSENT', ['consent-explanation', 'consent-respondent', 'consent-services', 'consent-contact', 'consent-record']],
    ['SAFETY_PLAN', ['sp-review']],
  ])('an empty completed %s names each required section, and that nothing was answered', (name, sections) => {
    const questionnaire = loadDefinition(name);
    const empty: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'completed', item: [] };
    expect(check(questionnaire, empty).map((issue) => [issue.code, issue.linkId])).toEqual([
      ...sections.map((linkId) => ['required-missing', linkId]),
      ['no-answers', undefined],
    ]);
  });

  it('the suicidal-thoughts question cannot be skipped in a completed case-management form', () => {
    const response = respond(CASE_MANAGEMENT, { 'cm-assessment-date': '2025-03-01', 'cm-main-concern': 'sleep', 'cm-risk-harm-to-others': false, 'cm-iasc-layer': 'layer-3' });
    expect(check(CASE_MANAGEMENT, response).map((issue) => issue.linkId)).toEqual(['cm-risk-suicidal-thoughts']);
  });
});
