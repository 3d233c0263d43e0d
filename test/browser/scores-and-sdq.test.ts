import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../client/src/i18n/messages-ar.js';
import { loadDefinition } from '../../questionnaires/index.js';
import { PHQ9_ITEMS_1_TO_8 } from '../clinical/fixtures.js';
import { respond, weightsSumming } from '../questionnaires/fixtures.js';
import { answersGiving } from '../questionnaires/sdq-helpers.js';
import { fhirClient, type TestAccount } from '../support/server.js';
import { registerBeneficiary } from './support/beneficiary.js';
import { useBrowserApp } from './support/browser-app.js';
import { checkPage } from './support/page-checks.js';
import { signIn } from './support/sign-in.js';

// The psychologist on two records: an adult's PHQ-9 results charted over their bands with the change since
// the previous score, in English and in Arabic, at desktop and phone widths; and a 9-year-old's SDQ, whose
// version follows from the age and who answers, whose wording is not installed (licensed, never shipped),
// and whose scales are shown with their bands once a response is stored.
const app = useBrowserApp();
let psychologist: TestAccount;
let adultId: string;
let childId: string;
let sdqResponseId: string;

const ADULT = 'Dilan Aziz Omar';
const CHILD = 'Shvan Ali Rasul';
const DAY = 86_400_000;

/** A completed response stored through the API by `account`, authored `daysAgo` days ago; its id. */
async function submit(account: TestAccount, name: string, patientId: string, answers: Parameters<typeof respond>[1], daysAgo: number): Promise<string> {
  const tokens = await app.server.login(account.username, account.password);
  const fhir = fhirClient(app.server.fhirBase, { Authorization: `Bearer ${tokens.access_token}` });
  const { encounter: _encounter, ...response } = respond(loadDefinition(name), answers);
  const authored = new Date(Date.now() - daysAgo * DAY).toISOString();
  const created = await fhir('POST', 'QuestionnaireResponse', { ...response, subject: { reference: `Patient/${patientId}` }, authored });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

/** A PHQ-9 total made of items 1–8, item 9 "Not at all" (no alert: this journey is about the course). */
const phq9Totalling = (total: number) => ({ ...weightsSumming(PHQ9_ITEMS_1_TO_8, total, 3), 'phq9-9': { weight: 0 } });

beforeAll(async () => {
  psychologist = await app.server.createAccount({ role: 'psychologist', givenName: 'Hana', familyName: 'Salih' });
  adultId = await registerBeneficiary(app.server, psychologist, { nameLatin: ADULT, gender: 'male', birthMode: 'estimated-age', estimatedAge: '41', governorate: 'Erbil' });
  const nineYearsAgo = new Date(Date.now() - (9 * 365 + 60) * DAY).toISOString().slice(0, 10);
  childId = await registerBeneficiary(app.server, psychologist, { nameLatin: CHILD, gender: 'male', birthMode: 'date', birthDate: nineYearsAgo, governorate: 'Erbil' });
  // 19 (moderately severe) → 15 → 9 (mild): the last fall of 6 is clinically meaningful
  for (const [total, daysAgo] of [
    [19, 90],
    [15, 45],
    [9, 3],
  ] as const) {
    await submit(psychologist, 'PHQ9', adultId, phq9Totalling(total), daysAgo);
  }
  const sdq = loadDefinition('SDQ_P4_17');
  sdqResponseId = await submit(psychologist, 'SDQ_P4_17', childId, { ...answersGiving(sdq, 'total', 15), ...answersGiving(sdq, 'prosocial', 8) }, 1);
});

/** Whether `text`, found in `element`, is drawn left to right (its first character left of its last). */
const drawnLeftToRight = (page: Page, selector: string, text: string) =>
  page.locator(selector).first().evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(wanted);
      if (at < 0) continue;
      const textNode = node;
      const xOf = (index: number) => {
        const range = document.createRange();
        range.setStart(textNode, index);
        range.setEnd(textNode, index + 1);
        return range.getBoundingClientRect().x;
      };
      return xOf(at) < xOf(at + wanted.length - 1);
    }
    return undefined;
  }, text);

const openRecord = async (page: Page, id: string, heading: string, lang: 'en' | 'ar' = 'en') => {
  await page.goto(`/patients/${id}?lang=${lang}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
};

describe('the psychologist reads scores over time and offers the SDQ', () => {
  it('the PHQ-9 chart shows every result over its bands, the cut-offs, and the change said in words', async () => {
    const { page } = app;
    await signIn(page, psychologist.username, psychologist.password);
    await openRecord(page, adultId, ADULT);
    const scores = page.getByRole('region', { name: 'Screening scores' });
    const row = scores.getByRole('row', { name: /PHQ-9 total score/ });
    expect(await row.textContent()).toMatch(/PHQ-9 total score\s*9\s*Mild/);
    expect(await row.textContent()).toContain('−6 since');
    expect(await row.textContent()).toContain('clinically meaningful change (5 points or more)');

    const chart = scores.getByRole('img', { name: 'PHQ-9 total score over time: 19, 15, 9' });
    await chart.waitFor();
    // the cut-offs of Kroenke 2001, from the scorer's own table, and its five bands
    expect(await chart.locator('[data-cutoff]').evaluateAll((lines) => lines.map((l) => l.getAttribute('data-cutoff')))).toEqual(['5', '10', '15', '20']);
    expect(await chart.locator('[data-band]').count()).toBe(5);
    expect(await chart.locator('.score-chart__point').count()).toBe(3);
    // the text alternative: the bands in words, and every result in a table
    const describedBy = await chart.getAttribute('aria-describedby');
    const words = page.locator(`#${describedBy ?? ''}`);
    // (each range is isolated left to right with U+2066…U+2069)
    expect((await words.textContent())?.replace(/[\u2066\u2069]/g, '')).toContain('Bands: None / minimal 0–4; Mild 5–9; Moderate 10–14; Moderately severe 15–19; Severe 20–27.');
    await scores.getByText('All results of PHQ-9 total score').click();
    expect(await scores.locator('.score-history tbody tr').count()).toBe(3);
    await checkPage(page, 'scores-chart-en');
  });

  it('on a phone the scores table reads as a list: the date is on screen, not cut off', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 390, height: 844 });
    const row = page.getByRole('region', { name: 'Screening scores' }).getByRole('row', { name: /PHQ-9 total score/ });
    const date = row.locator('td[data-label="Date"]');
    const box = await date.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    expect(await date.textContent()).not.toBe('');
    // nothing on the page scrolls sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('in Arabic, right to left: the bands and the change in Arabic, the chart still reading left to right in time', async () => {
    const { page } = app;
    await openRecord(page, adultId, ADULT, 'ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const scores = page.getByRole('region', { name: ar['scores.title'] });
    const chart = scores.locator('svg.score-chart');
    await chart.waitFor();
    expect(await chart.getAttribute('direction')).toBe('ltr');
    expect(await chart.textContent()).toContain(ar['band.moderately-severe']);
    // the band in the table is the interface's word for the band the server recorded
    expect(await scores.getByRole('row', { name: /PHQ-9/ }).textContent()).toContain(ar['band.mild']);
    // the change keeps its sign before the number, isolated left to right
    expect(await scores.locator('.score-change__difference').first().getAttribute('dir')).toBe('ltr');
    expect(await drawnLeftToRight(page, '.score-change__difference', '−6')).toBe(true);
    // a band's range reads "10–14", not "14–10", inside the right-to-left sentence
    expect(await drawnLeftToRight(page, '.score-figure__words', '10–14')).toBe(true);
    expect(await scores.getByRole('row', { name: /PHQ-9/ }).textContent()).toContain(ar['scores.meaningful'].replace('{points}', '5'));
    await checkPage(page, 'scores-chart-ar');
    await openRecord(page, adultId, ADULT, 'en');
  });

  it('a 9-year-old: the SDQ is offered; parent and teacher may answer, not the child; the parent version is 4–17', async () => {
    const { page } = app;
    await openRecord(page, childId, CHILD);
    await page.getByRole('link', { name: 'Screen with SDQ' }).click();
    await page.getByRole('heading', { name: `SDQ: ${CHILD}` }).waitFor();
    const who = page.getByRole('group', { name: 'Who answers the questionnaire?' });
    await who.getByLabel('A parent or carer').waitFor();
    await who.getByLabel('A teacher').waitFor();
    expect(await who.getByLabel('The young person themselves').count()).toBe(0);
    await page.getByText('The self-report version is for young people aged 11 to 17 only.').waitFor();
    await page.getByText('SDQ parent report, 4–17 years', { exact: true }).waitFor();
    await who.getByLabel('A teacher').check();
    await page.getByText('SDQ teacher report, 4–17 years', { exact: true }).waitFor();
    await checkPage(page, 'sdq-choice-en');
    await page.goto(`/patients/${childId}/screen/sdq?lang=ar`);
    await page.getByRole('group', { name: ar['sdq.informant'] }).waitFor();
    await checkPage(page, 'sdq-choice-ar');
    await page.goto(`/patients/${childId}/screen/sdq?lang=en`);
    await page.getByRole('group', { name: 'Who answers the questionnaire?' }).getByLabel('A parent or carer').check();
    await page.getByRole('link', { name: 'Open SDQ parent report, 4–17 years' }).click();
  });

  it('no SDQ wording is installed: the form shows item numbers and says who can install the wording', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: `SDQ parent report, 4–17 years: ${CHILD}` }).waitFor();
    await page.getByText('This form’s wording is not installed: only the item numbers are shown. Your organisation’s system administrator installs it').waitFor();
    await page.getByRole('group', { name: /^1\. / }).waitFor();
    expect(await page.getByRole('group', { name: /^1\. / }).getByLabel('Not true').count()).toBe(1);
    await checkPage(page, 'sdq-form-no-wording-en');
  });

  it('a stored SDQ: every scale with its bands in the scoring detail, and on the record', async () => {
    const { page } = app;
    await page.goto(`/patients/${childId}/responses/${sdqResponseId}?lang=en`);
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    const total = page.getByRole('row', { name: /SDQ total difficulties score/ });
    // parent norms: 15 is borderline (14–16) and slightly raised (14–16)
    expect(await total.textContent()).toMatch(/15\s*Borderline · Slightly raised/);
    for (const scale of ['emotional symptoms', 'conduct problems', 'hyperactivity/inattention', 'peer relationship problems', 'prosocial behaviour', 'impact']) {
      await page.getByRole('row', { name: new RegExp(`SDQ ${scale} score`) }).waitFor();
    }
    expect(await page.getByRole('row', { name: /SDQ prosocial behaviour score/ }).textContent()).toMatch(/8\s*Normal · Close to average/);
    await checkPage(page, 'sdq-result-en');
    await openRecord(page, childId, CHILD);
    await page.getByRole('img', { name: /SDQ total difficulties score over time: 15/ }).waitFor();
    // the scales in the instrument's order, the total first
    const measures = await page.getByRole('region', { name: 'Screening scores' }).locator('tbody tr[data-measure] th').allTextContents();
    expect(measures.slice(0, 3)).toEqual(['SDQ total difficulties score', 'SDQ emotional symptoms score', 'SDQ conduct problems score']);
    await checkPage(page, 'sdq-record-en');
  });
});
