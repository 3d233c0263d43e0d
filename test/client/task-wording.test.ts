import { readFileSync } from 'node:fs';
import type { CodeSystem, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { taskKinds } from '../../client/src/clinical/task-kinds.js';
import { TASK_TYPE_WORDING, taskTexts, taskWording } from '../../client/src/clinical/task-wording.js';
import { languages } from '../../client/src/i18n/languages.js';
import { en, type MessageKey } from '../../client/src/i18n/messages-en.js';

const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';
const codeSystem = JSON.parse(readFileSync(new URL('../../fhir-profiles/CodeSystem-task-type.json', import.meta.url), 'utf8')) as CodeSystem;
const codes = (codeSystem.concept ?? []).map((c) => c.code);

const task = (fields: Partial<Task>): Task => ({ resourceType: 'Task', status: 'requested', intent: 'order', ...fields });
const coded = (code: string, fields: Partial<Task> = {}): Task => task({ code: { coding: [{ system: TASK_TYPE, code, display: 'English display' }], text: 'English display' }, ...fields });
const arabic = languages.find((l) => l.code === 'ar');
if (arabic === undefined) throw new Error('Arabic is one of the interface languages');
const inArabic = { t: (key: MessageKey) => arabic.messages[key], language: { code: 'ar' } };
const inEnglish = { t: (key: MessageKey) => en[key], language: { code: 'en' } };

describe('a task in a list reads in the interface language, from its code', () => {
  it('every code of the task-type CodeSystem has its title (a new code without a label fails here)', () => {
    expect(codes.length).toBe(codeSystem.count);
    // the kinds are the codes, the suicide-risk review among them
    expect([...taskKinds].sort()).toEqual([...codes].sort());
    expect(Object.keys(TASK_TYPE_WORDING).sort()).toEqual([...taskKinds].sort());
    for (const code of codes) {
      const wording = taskWording(coded(code));
      expect(wording.title, code).toEqual({ key: `taskType.${code}` });
    }
  });

  it('each title and note is in every catalogue, never the English of another language', () => {
    const keys = Object.values(TASK_TYPE_WORDING).flatMap((w): MessageKey[] => ('note' in w ? [w.title, w.note] : [w.title]));
    for (const language of languages) {
      for (const key of keys) expect(language.messages[key]?.trim(), `${language.code} ${key}`).toBeTruthy();
    }
    expect(taskTexts(coded('referral'), inArabic).title).toBe('إحالة');
  });

  it('the code decides, not the English display or text the Task carries', () => {
    expect(taskTexts(coded('safety-plan-needed'), inArabic).title).toBe(arabic.messages['taskType.safety-plan-needed']);
    expect(taskTexts(coded('safety-plan-needed'), inArabic).title).not.toContain('English');
  });

  it('a description the server wrote is replaced by the note in the language; English keeps the server sentence', () => {
    const followUp = coded('referral-follow-up', { description: 'Follow up the referral to Karwan Aziz: what came of it, with the person.' });
    expect(taskTexts(followUp, inArabic)).toEqual({ title: arabic.messages['taskType.referral-follow-up'], note: arabic.messages['taskNote.referral-follow-up'], typed: false });
    expect(taskTexts(followUp, inEnglish).note).toBe('Follow up the referral to Karwan Aziz: what came of it, with the person.');
  });

  it('a referral reason typed by a person is shown as typed, marked so it runs in its own direction', () => {
    const referral = coded('referral', { description: 'تقييم للدواء' });
    expect(taskTexts(referral, inArabic)).toEqual({ title: 'إحالة', note: 'تقييم للدواء', typed: true });
  });

  it('the suicide-risk review (no Hiwa code; its focus is the Flag) reads as such', () => {
    const review = task({ code: { text: 'Review suicide risk' }, focus: { reference: 'Flag/1' }, description: 'Suicide risk: "item 9" answered "Several days". Review with the person today.' });
    expect(taskTexts(review, inArabic)).toEqual({ title: arabic.messages['taskType.risk-review'], note: arabic.messages['taskNote.risk-review'], typed: false });
  });

  it('a task from outside Hiwa keeps its own words', () => {
    const outside = task({ code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }], text: 'Fulfil the request' }, description: 'From the clinic' });
    expect(taskTexts(outside, inArabic)).toEqual({ title: 'Fulfil the request', note: 'From the clinic', typed: true });
  });

  it('names the instrument a re-assessment asks for, so the PHQ-9 and the SRQ-20 one are told apart', () => {
    const input = (name: string) => [{ type: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-parameter', code: 'instrument' }] }, valueCanonical: `https://hiwa.health/fhir/Questionnaire/${name}|1.0.0` }];
    expect(taskTexts(coded('reassessment', { input: input('PHQ9') }), inEnglish).title).toBe('Re-assessment · PHQ-9');
    expect(taskTexts(coded('reassessment', { input: input('SRQ20') }), inArabic).title).toBe(`${arabic.messages['taskType.reassessment']} · SRQ-20`);
  });
});

describe('a break-glass or consent-override review reads in the interface language, the reason as typed', () => {
  const breakGlass = coded('break-glass-review', { description: 'caseworker1 opened this record outside their caseload: محاولة انتحار', reasonCode: { text: 'محاولة انتحار' } });
  const override = coded('consent-override-review', { description: "Recorded without the patient's services consent, for a risk to life: came alone, at risk", reasonCode: { text: 'came alone, at risk' } });

  it('in Arabic: the note from its code, not the server’s English sentence, and the reason apart', () => {
    expect(taskTexts(breakGlass, inArabic)).toEqual({ title: arabic.messages['taskType.break-glass-review'], note: arabic.messages['taskNote.break-glass-review'], typed: false, reason: 'محاولة انتحار' });
    const texts = taskTexts(override, inArabic);
    expect(texts).toEqual({ title: arabic.messages['taskType.consent-override-review'], note: arabic.messages['taskNote.consent-override-review'], typed: false, reason: 'came alone, at risk' });
    expect(texts.note).not.toContain('Recorded without');
  });

  it('in English too the note is worded from the code (the sentence would repeat the reason shown apart)', () => {
    expect(taskTexts(breakGlass, inEnglish)).toMatchObject({ note: en['taskNote.break-glass-review'], reason: 'محاولة انتحار' });
  });

  it('one stored before the reason was kept apart keeps the server’s sentence in English, the note elsewhere', () => {
    const older = coded('break-glass-review', { description: 'caseworker1 opened this record outside their caseload: urgent' });
    expect(taskTexts(older, inEnglish)).toEqual({ title: en['taskType.break-glass-review'], note: 'caseworker1 opened this record outside their caseload: urgent', typed: false });
    expect(taskTexts(older, inArabic).note).toBe(arabic.messages['taskNote.break-glass-review']);
  });
});
