import { describe, expect, it } from 'vitest';
import { checkResponseAgainstQuestionnaire, loadDefinition } from '../../questionnaires/index.js';
import { createAnswerStore } from '../../client/src/questionnaire/answer-store.js';
import { buildResponse, unansweredQuestions } from '../../client/src/questionnaire/build-response.js';

const context = {
  subject: { reference: 'Patient/p1' },
  author: { reference: 'Practitioner/pr1' },
  authored: '2026-03-01T09:00:00Z',
  status: 'completed' as const,
};

describe('the response the renderer submits', () => {
  it('is pinned to url|version, holds answered items only, and passes the server’s structural check', () => {
    const phq9 = loadDefinition('PHQ9');
    const store = createAnswerStore();
    const severalDays = phq9.item?.find((i) => i.linkId === 'phq9-9')?.answerOption?.[1]?.valueCoding;
    store.set('phq9-9', [{ valueCoding: severalDays }]);
    const response = buildResponse(phq9, store, context);
    expect(response.questionnaire).toBe('https://hiwa.health/fhir/Questionnaire/PHQ9|1.0.0');
    expect(response.item).toEqual([{ linkId: 'phq9-9', answer: [{ valueCoding: severalDays }] }]);
    expect(checkResponseAgainstQuestionnaire(phq9, response)).toEqual([]);
    expect(unansweredQuestions(phq9, store, false)).toHaveLength(9);
  });

  it('nests answers in their groups and leaves out items switched off by enableWhen', () => {
    const form = loadDefinition('CASE_MANAGEMENT');
    const store = createAnswerStore();
    store.set('cm-risk-suicidal-thoughts', [{ valueBoolean: false }]);
    store.set('cm-risk-suicide-plan', [{ valueBoolean: true }]); // answered, then switched off by the answer above
    const response = buildResponse(form, store, context);
    expect(response.item).toEqual([{ linkId: 'cm-current-risk', item: [{ linkId: 'cm-risk-suicidal-thoughts', answer: [{ valueBoolean: false }] }] }]);
  });

  it('lists the required questions still unanswered, and only enabled ones', () => {
    const form = loadDefinition('CASE_MANAGEMENT');
    const store = createAnswerStore();
    const required = unansweredQuestions(form, store, true).map(({ item }) => item.linkId);
    expect(required).toEqual(['cm-assessment-date', 'cm-main-concern', 'cm-risk-suicidal-thoughts', 'cm-iasc-layer']);
  });

  it('keeps an unchanged item’s answers the same object, so only the answered item re-renders', () => {
    const store = createAnswerStore();
    store.set('a', [{ valueInteger: 1 }]);
    const before = store.get('a');
    store.set('b', [{ valueInteger: 2 }]);
    expect(store.get('a')).toBe(before);
    store.set('a', []);
    expect(store.index().has('a')).toBe(false);
  });
});
