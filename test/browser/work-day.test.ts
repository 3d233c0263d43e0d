import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { referralTransaction } from '../../client/src/clinical/referrals.js';
import { fhirClient, type TestAccount } from '../support/server.js';
import { registerBeneficiary } from './support/beneficiary.js';
import { useBrowserApp } from './support/browser-app.js';
import { checkPage } from './support/page-checks.js';
import { signIn, signOut } from './support/sign-in.js';

// A caseworker's day through the real UI, step by step on one page: each test starts where the one before
// ended. Every page visited is checked with axe-core and photographed at 1280 and 390 px.
const app = useBrowserApp();
let caseworker: TestAccount;
let psychiatrist: TestAccount;
let patientId: string;

const LATIN_NAME = 'Hozan Sherzad Ali';
const ARABIC_NAME = 'هۆزان شێرزاد علي';
const WAITING_NAME = 'Nasrin Qadir Salih';

beforeAll(async () => {
  caseworker = await app.server.createAccount({ role: 'caseworker' });
  psychiatrist = await app.server.createAccount({ role: 'psychiatrist', givenName: 'Karwan', familyName: 'Aziz' });
  patientId = await registerBeneficiary(app.server, caseworker, { nameLatin: LATIN_NAME, nameArabicScript: ARABIC_NAME, gender: 'male', birthMode: 'estimated-age', estimatedAge: '29', governorate: 'Dahuk' });
});

/** A routine referral of another beneficiary, made by the caseworker a week ago: its answer is overdue. */
async function referSinceAWeek(): Promise<void> {
  const patient = await registerBeneficiary(app.server, caseworker, { nameLatin: WAITING_NAME, gender: 'female', birthMode: 'estimated-age', estimatedAge: '41', governorate: 'Dahuk' });
  const fhir = fhirClient(app.server.fhirBase, { Authorization: `Bearer ${(await app.server.login(caseworker.username, caseworker.password)).access_token}` });
  const recipient = { practitionerId: psychiatrist.practitionerId, name: 'Karwan Aziz', role: 'psychiatrist' as const };
  const bundle = referralTransaction({ patientId: patient, requesterId: caseworker.practitionerId, recipient, priority: 'routine', reason: 'Sleep problems for months' });
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  for (const entry of bundle.entry ?? []) entry.resource = { ...entry.resource, authoredOn: weekAgo } as typeof entry.resource;
  const sent = await fhir('POST', '', bundle);
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
}

/** The beneficiaries of the inbox's entries, top to bottom (by the Latin names of this test). */
async function inboxOrder(page: Page): Promise<string[]> {
  const titles = await page.locator('.inbox__item h2').allTextContents();
  return titles.map((title) => [LATIN_NAME, WAITING_NAME].find((name) => title.includes(name)) ?? title);
}

const openPatient = async (page: Page, heading: string) => {
  await page.goto(`/patients/${patientId}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
};

describe('a caseworker’s day', () => {
  it('lands on My work', async () => {
    const { page } = app;
    await signIn(page, caseworker.username, caseworker.password);
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Referrals I sent' }).waitFor();
    await checkPage(page, 'my-work-en');
    await page.getByRole('link', { name: 'Caseload' }).click();
    await page.getByRole('link', { name: LATIN_NAME }).waitFor();
    await checkPage(page, 'caseload-en');
  });

  it('PHQ-9 item 9 "Several days": the warning and its next steps appear at once, before saving; the preview scores as it goes', async () => {
    const { page } = app;
    await openPatient(page, LATIN_NAME);
    await checkPage(page, 'patient-en');
    await page.getByRole('link', { name: 'Screen with PHQ-9' }).click();
    await page.getByRole('heading', { name: `PHQ-9: ${LATIN_NAME}` }).waitFor();
    await page.getByRole('group', { name: /^9\. / }).getByLabel('Several days').check();
    const warning = page.getByRole('alert').filter({ hasText: 'Possible suicide risk: act now, before you save' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Next steps');
    expect(await warning.textContent()).toContain('Thoughts that you would be better off dead');
    // nothing was sent yet: the warning comes from the shared scoring code in the browser
    for (let item = 1; item <= 8; item++) await page.getByRole('group', { name: new RegExp(`^${item}\\. `) }).getByLabel('Several days').check();
    await page.getByRole('complementary', { name: 'Score so far' }).getByText('9 of 27 · Mild').waitFor();
    await checkPage(page, 'phq9-warning-en');
  });

  it('what was typed survives a reload (a dropped connection, an expired session) and is saved once', async () => {
    const { page } = app;
    await page.reload();
    await page.getByText(/Answers typed on this device earlier/).waitFor();
    expect(await page.getByRole('group', { name: /^9\. / }).getByLabel('Several days').isChecked()).toBe(true);
    await page.getByRole('alert').filter({ hasText: 'Possible suicide risk' }).waitFor();
    await page.getByRole('group', { name: /^10\. / }).getByLabel('Somewhat difficult').check();
    const created = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/QuestionnaireResponse') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit responses' }).click();
    expect((await created).status()).toBe(201);
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    expect(page.url()).toMatch(/\/responses\//);
    // Back goes to the record, not to a blank PHQ-9 that could be saved twice
    await page.goBack();
    await page.getByRole('heading', { name: LATIN_NAME, level: 1 }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/patients/${patientId}$`));
  });

  it('the consent form: the sharing section repeats per organisation; an empty form is not saved', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Record consent' }).click();
    await page.getByRole('heading', { name: `Consent: ${LATIN_NAME}` }).waitFor();
    await page.getByRole('button', { name: 'Submit responses' }).click();
    await page.getByText('Nothing has been answered, so nothing was saved.').waitFor();
    const sharing = page.getByRole('region', { name: /Sharing and referral/ }).first();
    await page.getByRole('button', { name: 'Add another' }).first().click();
    await page.getByRole('region', { name: /: entry 2$/ }).waitFor();
    expect(await sharing.count()).toBe(1);
    await checkPage(page, 'consent-form-en');
  });

  it('records an emotional-support session from the service catalogue', async () => {
    const { page } = app;
    page.once('dialog', (dialog) => void dialog.accept()); // leaving the consent form with entries added asks first
    await openPatient(page, LATIN_NAME);
    await page.getByRole('link', { name: 'Record a session' }).click();
    await page.getByRole('heading', { name: `Record a session with ${LATIN_NAME}` }).waitFor();
    await page.getByLabel('Service given').selectOption({ label: 'Emotional supportive session' });
    await page.getByLabel('How it was delivered').selectOption({ label: 'Community centre' });
    await checkPage(page, 'session-en');
    const saved = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/Encounter') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the session' }).click();
    expect((await saved).status()).toBe(201);
    await page.getByRole('heading', { name: LATIN_NAME, level: 1 }).waitFor();
  });

  it('refers to the psychiatrist; the referral shows in My work as waiting', async () => {
    const { page } = app;
    await openPatient(page, LATIN_NAME);
    await page.getByRole('link', { name: 'Refer', exact: true }).click();
    await page.getByRole('heading', { name: `Refer ${LATIN_NAME}` }).waitFor();
    await page.getByLabel('Who receives the referral').selectOption({ label: 'Karwan Aziz' });
    await page.getByLabel('Urgent').check();
    await page.getByLabel('Reason for referral').fill('PHQ-9 item 9 positive; assessment for medication');
    await checkPage(page, 'referral-en');
    const sent = page.waitForResponse((r) => r.url().endsWith('/fhir/R4') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send the referral' }).click();
    expect((await sent).status()).toBe(200);
    await page.getByRole('heading', { name: LATIN_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'My work' }).click();
    const referrals = page.getByRole('region', { name: 'Referrals I sent' });
    await referrals.getByText('Waiting for an answer').waitFor();
    await signOut(page);
  });

  it('the psychiatrist accepts, starts and completes it from the inbox, with an outcome note; a referral waiting for a week is marked overdue', async () => {
    const { page } = app;
    await referSinceAWeek();
    await signIn(page, psychiatrist.username, psychiatrist.password);
    await page.getByRole('heading', { name: 'Referral inbox', level: 1 }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: LATIN_NAME });
    await item.getByText('Urgent').waitFor();
    await item.getByText(/answer by/).waitFor();
    expect(await item.getByText('Overdue').count()).toBe(0);
    // urgent first; the routine referral not answered within two working days comes after it, marked
    const waiting = page.getByRole('listitem').filter({ hasText: WAITING_NAME });
    await waiting.getByText('Overdue').waitFor();
    expect(await inboxOrder(page)).toEqual([LATIN_NAME, WAITING_NAME]);
    await checkPage(page, 'inbox-en');
    await item.getByRole('button', { name: 'Accept' }).click();
    await item.getByRole('button', { name: 'Start' }).click();
    await item.getByRole('button', { name: 'Complete' }).click();
    await item.getByLabel('Outcome of the referral').fill('Assessed; sertraline started; review in 4 weeks');
    const done = page.waitForResponse((r) => r.url().includes('/fhir/R4/Task/') && r.request().method() === 'PUT');
    await item.getByRole('button', { name: 'Complete' }).click();
    expect((await done).status()).toBe(200);
    await item.waitFor({ state: 'detached' });
    await page.getByRole('listitem').filter({ hasText: WAITING_NAME }).getByText('Overdue').waitFor();
    expect(await inboxOrder(page)).toEqual([WAITING_NAME]);
    await signOut(page);
  });

  it('the caseworker sees the referral completed', async () => {
    const { page } = app;
    await signIn(page, caseworker.username, caseworker.password);
    await page.getByRole('region', { name: 'Referrals I sent' }).getByText('Completed').waitFor();
  });
});

describe.each([
  ['ar', 'عملي', 'إحالة'],
  ['kmr-Arab', 'کارێ من', 'بشینە'],
])('the caseworker’s pages in %s run right to left', (lang, myWork, refer) => {
  it('My work, the record, a form with a repeating section and the referral form', async () => {
    const { page } = app;
    await page.goto(`/my-work?lang=${lang}`);
    await page.getByRole('heading', { name: myWork, level: 1 }).waitFor();
    const html = page.locator('html');
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await html.getAttribute('lang')).toBe(lang);
    await checkPage(page, `my-work-${lang}`);

    await page.goto('/caseload');
    await page.getByRole('link', { name: ARABIC_NAME }).waitFor();
    // the PHQ-9 saved earlier raised the suicide-risk alert and its review task: both show in the row
    const row = page.getByRole('row').filter({ hasText: ARABIC_NAME });
    await row.locator('.badge--urgent').waitFor();
    // the date in the language's script, never the browser's English (Chromium has no Kurdish date data)
    const nextDue = await row.locator('td').last().textContent();
    expect(nextDue).toMatch(/2026|2027/);
    expect(nextDue).not.toMatch(/[A-Za-z]/);
    await checkPage(page, `caseload-${lang}`);

    await page.goto(`/patients/${patientId}`);
    // the name in the script of the interface, isolated for direction
    await page.getByRole('heading', { name: ARABIC_NAME, level: 1 }).waitFor();
    expect(await page.locator('h1 bdi').textContent()).toBe(ARABIC_NAME);
    await checkPage(page, `patient-${lang}`);

    await page.goto(`/patients/${patientId}/screen/phq9`);
    await page.locator('.questionnaire').waitFor();
    expect(await html.getAttribute('dir')).toBe('rtl');
    await page.locator('[role="note"]').first().waitFor(); // no wording in this language: said in it, with who installs one
    await checkPage(page, `phq9-${lang}`);

    await page.goto(`/patients/${patientId}/refer`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: refer }).waitFor();
    await checkPage(page, `referral-${lang}`);
    await page.goto('/my-work?lang=en');
  }, 120_000); // five pages, each checked with axe and photographed twice, on a shared machine
});
