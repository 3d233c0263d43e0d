import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { checkResponseAgainstQuestionnaire, loadDefinition } from '../../questionnaires/index.js';
import { allItems } from '../../questionnaires/questionnaire-items.js';
import { createAnswerStore } from '../../client/src/questionnaire/answer-store.js';
import { buildResponse, unansweredQuestions } from '../../client/src/questionnaire/build-response.js';
import { NO_FORM_ISSUES } from '../../client/src/questionnaire/form-context.js';
import { entryPrefix } from '../../client/src/questionnaire/item-keys.js';
import { QuestionnaireForm } from '../../client/src/questionnaire/QuestionnaireForm.js';
import { renderMarkup } from './support/render.js';

const context = {
  subject: { reference: 'Patient/p1' },
  author: { reference: 'Practitioner/pr1' },
  authored: '2026-03-01T09:00:00Z',
  status: 'completed' as const,
};

const structuralIssues = (issues: readonly { code: string }[]) => issues.filter((issue) => issue.code !== 'required-missing');

describe('repeating groups and repeating strings in the renderer', () => {
  it('every linkId of every form can be told apart inside an item key (no "/" or "[")', () => {
    for (const name of ['CONSENT', 'SAFETY_PLAN', 'CASE_MANAGEMENT', 'PHQ9', 'SRQ20', 'SDQ_P4_17']) {
      for (const item of allItems(loadDefinition(name).item)) expect(item.linkId, name).not.toMatch(/[/[\]]/);
    }
  });

  it('the safety plan: two trusted people become two group entries, two warning signs one item with two answers', () => {
    const plan = loadDefinition('SAFETY_PLAN');
    const store = createAnswerStore();
    store.addEntry('sp-help-contact');
    const [first, second] = store.entries('sp-help-contact');
    store.set(`${entryPrefix('sp-help-contact', first)}sp-help-contact-name`, [{ valueString: 'Aunt Nasrin' }]);
    store.set(`${entryPrefix('sp-help-contact', second)}sp-help-contact-name`, [{ valueString: 'Teacher Karwan' }]);
    store.set('sp-warning-sign', [{ valueString: 'Not sleeping' }, { valueString: 'Staying in my room' }]);

    const response = buildResponse(plan, store, context);
    const contacts = JSON.stringify(response.item).match(/"linkId":"sp-help-contact"/g) ?? [];
    expect(contacts).toHaveLength(2);
    expect(JSON.stringify(response.item)).toContain('{"linkId":"sp-warning-sign","answer":[{"valueString":"Not sleeping"},{"valueString":"Staying in my room"}]}');
    expect(structuralIssues(checkResponseAgainstQuestionnaire(plan, response))).toEqual([]);
  });

  it('removing an entry drops its answers; an untouched entry of an optional group asks nothing', () => {
    const consent = loadDefinition('CONSENT');
    const store = createAnswerStore();
    const sharingRequired = () => unansweredQuestions(consent, store, true).filter(({ key }) => key.startsWith('consent-sharing['));
    expect(sharingRequired()).toEqual([]);

    const [entry] = store.entries('consent-sharing');
    store.set(`${entryPrefix('consent-sharing', entry)}consent-sharing-organisation`, [{ valueString: 'Mercy Clinic' }]);
    // once something is written in the entry, its other required question is asked, at that entry
    expect(sharingRequired().map(({ key }) => key)).toEqual(
      ['consent-sharing-permitted', 'consent-sharing-valid-until'].map((linkId) => `${entryPrefix('consent-sharing', entry)}${linkId}`),
    );

    store.removeEntry('consent-sharing', entry);
    expect(store.hasAnswers()).toBe(false);
    expect(store.entries('consent-sharing')).toEqual([]);
    expect(JSON.stringify(buildResponse(consent, store, context).item ?? [])).not.toContain('consent-sharing');
  });

  it('draws each entry numbered, with its own fields and a way to add and remove entries', () => {
    const consent = loadDefinition('CONSENT');
    const store = createAnswerStore();
    store.addEntry('consent-sharing');
    const [first, second] = store.entries('consent-sharing');
    store.set(`${entryPrefix('consent-sharing', first)}consent-sharing-organisation`, [{ valueString: 'Mercy Clinic' }]);
    store.set(`${entryPrefix('consent-sharing', second)}consent-sharing-organisation`, [{ valueString: 'Duhok PHC' }]);
    const html = renderMarkup(createElement(QuestionnaireForm, { questionnaire: consent, store, issues: NO_FORM_ISSUES }));

    expect(html).toContain('Sharing and referral: one entry for each receiving organisation: entry 1');
    expect(html).toContain('entry 2');
    expect(html).toContain('value="Mercy Clinic"');
    expect(html).toContain('value="Duhok PHC"');
    expect(html).toContain('Remove entry 2');
    expect(html).toContain('Add another');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
