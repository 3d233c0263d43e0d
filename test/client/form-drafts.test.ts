import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../questionnaires/index.js';
import { createAnswerStore } from '../../client/src/questionnaire/answer-store.js';
import { buildResponse } from '../../client/src/questionnaire/build-response.js';
import { clearDraft, clearDraftsOf, countDrafts, draftKey, readDraft, writeDraft } from '../../client/src/questionnaire/form-drafts.js';
import { entryPrefix } from '../../client/src/questionnaire/item-keys.js';
import { memoryStorage } from './support/render.js';

const now = new Date('2026-03-01T09:00:00Z');
const owner = { userId: 'pr-1', patientId: 'p-1', form: 'SAFETY_PLAN' };
const context = { subject: { reference: 'Patient/p-1' }, author: { reference: 'Practitioner/pr-1' }, authored: now.toISOString(), status: 'completed' as const };

describe('what was typed is kept on the device until it is saved', () => {
  it('a draft written after each change restores the same answers, repeating entries included', () => {
    const storage = memoryStorage();
    const plan = loadDefinition('SAFETY_PLAN');
    const typed = createAnswerStore();
    typed.addEntry('sp-help-contact');
    typed.removeEntry('sp-help-contact', 0);
    const [kept] = typed.entries('sp-help-contact');
    typed.set(`${entryPrefix('sp-help-contact', kept)}sp-help-contact-name`, [{ valueString: 'Aunt Nasrin' }]);
    typed.set('sp-warning-sign', [{ valueString: 'Not sleeping' }]);
    expect(writeDraft(storage, owner, typed.snapshot(), now)).toBe(true);

    // the connection dropped, the session expired, the tab was reloaded: the form opens from the draft
    const draft = readDraft(storage, owner);
    expect(draft?.savedAt).toBe(now.toISOString());
    const restored = createAnswerStore(draft);
    expect(restored.entries('sp-help-contact')).toEqual([kept]);
    expect(buildResponse(plan, restored, context)).toEqual(buildResponse(plan, typed, context));
  });

  it('is per user, patient and form; nothing answered keeps nothing; saving deletes it', () => {
    const storage = memoryStorage();
    const answered = createAnswerStore();
    answered.set('phq9-1', [{ valueInteger: 1 }]);
    writeDraft(storage, owner, answered.snapshot(), now);
    expect(readDraft(storage, { ...owner, userId: 'pr-2' })).toBeUndefined();
    expect(readDraft(storage, { ...owner, patientId: 'p-2' })).toBeUndefined();

    writeDraft(storage, owner, createAnswerStore().snapshot(), now);
    expect(storage.length).toBe(0);

    writeDraft(storage, owner, answered.snapshot(), now);
    clearDraft(storage, owner);
    expect(readDraft(storage, owner)).toBeUndefined();
  });

  it('signing out (after the user agrees) deletes that user’s drafts only', () => {
    const storage = memoryStorage();
    const answered = createAnswerStore();
    answered.set('x', [{ valueString: 'y' }]);
    writeDraft(storage, owner, answered.snapshot(), now);
    writeDraft(storage, { ...owner, form: 'PHQ9' }, answered.snapshot(), now);
    writeDraft(storage, { ...owner, userId: 'pr-2' }, answered.snapshot(), now);
    expect(countDrafts(storage, 'pr-1')).toBe(2);
    clearDraftsOf(storage, 'pr-1');
    expect(countDrafts(storage, 'pr-1')).toBe(0);
    expect(countDrafts(storage, 'pr-2')).toBe(1);
  });

  it('a damaged draft or a device that refuses storage never stops the form', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey(owner), '{not json');
    expect(readDraft(storage, owner)).toBeUndefined();
    storage.setItem(draftKey(owner), JSON.stringify({ savedAt: 'x', answers: 'nope', entries: [] }));
    expect(readDraft(storage, owner)).toBeUndefined();
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    const answered = createAnswerStore();
    answered.set('x', [{ valueString: 'y' }]);
    expect(writeDraft(full, owner, answered.snapshot(), now)).toBe(false);
  });
});
