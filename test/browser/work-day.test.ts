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
  caseworker = await app.server.createAccount({ role: 'caseworker', givenName: 'Shilan', familyName: 'Omar' });
  psychiatrist = await app.server.createAccount({ role: 'psychiatrist', givenName: 'Karwan', familyName: 'Aziz' });
  patientId = await registerBeneficiary(app.server, caseworker, { nameLatin: LATIN_NAME, nameArabicScript: ARABIC_NAME, gender: 'male', birthMode: 'estimated-age', estimatedAge: '29', governorate: 'Dahuk' });
});

/** A routine referral of another beneficiary, made by the caseworker a week ago: its answer is overdue. */
async function referSinceAWeek(): Promise<void> {
  const patient = await registerBeneficiary(app.server, caseworker, { nameLatin: WAITING_NAME, gender: 'female', birthMode: 'estimated-age', estimatedAge: '41', governorate: 'Dahuk' });
  const fhir = fhirClient(app.server.fhirBase, { Authorization: `Bearer ${(await app.server.login(caseworker.username, caseworker.password)).access_token}` });
  const recipient = { practitionerId: psychiatrist.practitionerId, name: 'Karwan Aziz', role: 'psychiatrist' as const };
  const bundle = referralTransaction({ patientId: patient, requesterId: caseworker.practitionerId, requesterName: 'Shilan Omar', recipient, priority: 'routine', reason: 'Sleep problems for months' });
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

  it('the psychiatrist accepts and starts it from the inbox; a referral waiting for a week is marked overdue', async () => {
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
    // who referred is isolated for direction, whatever script their name is in
    expect(await waiting.locator('bdi').filter({ hasText: 'Shilan Omar' }).count()).toBe(1);
    await checkPage(page, 'inbox-en');
    await item.getByRole('button', { name: 'Accept' }).click();
    await item.getByRole('button', { name: 'Start' }).click();
    await item.getByRole('button', { name: 'Complete' }).waitFor();
  });

  it('writes the consultation from the inbox: what is missing is said at its field and what was typed stays', async () => {
    const { page } = app;
    const item = page.getByRole('listitem').filter({ hasText: LATIN_NAME });
    await item.getByRole('link', { name: 'Write the consultation' }).click();
    await page.getByRole('heading', { name: `Consultation with ${LATIN_NAME}`, level: 1 }).waitFor();
    await page.getByText('PHQ-9 item 9 positive; assessment for medication').waitFor();
    // a diagnosis typed but not chosen, and no note: nothing is sent
    await page.getByLabel('Find a diagnosis by code or title').fill('depression');
    let sent = 0;
    const count = (r: { url(): string; method(): string }) => void (r.url().endsWith('/fhir/R4') && r.method() === 'POST' && sent++);
    page.on('request', count);
    await page.getByRole('button', { name: 'Save the consultation' }).click();
    await page.getByRole('alert').filter({ hasText: 'This could not be saved' }).waitFor();
    await page.getByText('Write the consultation note.').waitFor();
    await page.getByText('Choose the diagnosis from the list, or clear the search').waitFor();
    expect(await page.getByLabel('Find a diagnosis by code or title').inputValue()).toBe('depression');
    expect(sent).toBe(0);
    await checkPage(page, 'consultation-refused-en');

    await page.getByLabel('Consultation note').fill('Low mood and poor sleep for three months; passive thoughts of death, no plan. Sertraline started.');
    await page.getByLabel('Find a diagnosis by code or title').fill('F32.1');
    await page.getByRole('button', { name: 'Add F32.1 Moderate depressive episode' }).click();
    await page.getByLabel('Onset of F32.1, if known').fill('2026-09-01');
    await page.getByLabel('Complete the referral with this consultation').check();
    await page.getByLabel('Outcome of the referral').fill('Assessed; sertraline started; review in 4 weeks');
    await checkPage(page, 'consultation-en');
    const saved = page.waitForResponse((r) => r.url().endsWith('/fhir/R4') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the consultation' }).click();
    const response = await saved;
    page.off('request', count);
    expect(response.status()).toBe(200);
    // one transaction: the consultation, its diagnosis and the referral's completion
    const entries = ((await response.json()) as { entry: { response: { status: string } }[] }).entry.map((e) => e.response.status.slice(0, 3));
    expect(entries).toEqual(['201', '201', '200']);
  });

  it('the record shows the psychiatrist the diagnosis and the consultation; the referral has left the inbox', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: LATIN_NAME, level: 1 }).waitFor();
    const diagnoses = page.getByRole('region', { name: 'Diagnoses' });
    await diagnoses.getByText('Moderate depressive episode').waitFor();
    expect(await diagnoses.textContent()).toContain('F32.1');
    expect(await diagnoses.locator('bdi').filter({ hasText: 'Karwan Aziz' }).count()).toBe(1);
    const consultations = page.getByRole('region', { name: 'Consultations' });
    await consultations.getByText(/Sertraline started/).waitFor();
    await checkPage(page, 'patient-psychiatrist-en');
    await page.getByRole('link', { name: 'Referral inbox' }).click();
    await page.getByRole('listitem').filter({ hasText: WAITING_NAME }).getByText('Overdue').waitFor();
    expect(await inboxOrder(page)).toEqual([WAITING_NAME]);
    await signOut(page);
  });

  it('the caseworker sees the referral completed, and neither the diagnosis nor the consultation (the server leaves them out)', async () => {
    const { page } = app;
    await signIn(page, caseworker.username, caseworker.password);
    await page.getByRole('region', { name: 'Referrals I sent' }).getByText('Completed').waitFor();
    await openPatient(page, LATIN_NAME);
    await page.getByRole('region', { name: 'Tasks' }).waitFor();
    expect(await page.getByRole('region', { name: 'Diagnoses' }).count()).toBe(0);
    expect(await page.getByText('Moderate depressive episode').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Consultation', exact: true }).count()).toBe(0);
    const fhir = fhirClient(app.server.fhirBase, { Authorization: `Bearer ${(await app.server.login(caseworker.username, caseworker.password)).access_token}` });
    expect((await fhir('GET', `Condition?subject=Patient/${patientId}`)).body.entry ?? []).toEqual([]);
    expect((await fhir('GET', `Encounter?subject=Patient/${patientId}&service-type=https://hiwa.health/fhir/CodeSystem/service-type|psychiatric-consultation`)).body.entry ?? []).toEqual([]);
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

describe.each([
  ['ar', 'استشارة مع'],
  ['ckb', 'ڕاوێژ لەگەڵ'],
])('the psychiatrist’s pages in %s run right to left', (lang, consultationWith) => {
  it('the inbox, the consultation form and the record with its diagnosis', async () => {
    const { page } = app;
    await signOut(page); // the caseworker's pages come first
    await signIn(page, psychiatrist.username, psychiatrist.password);
    await page.goto(`/inbox?lang=${lang}`);
    await page.locator('.inbox__item').first().waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await checkPage(page, `inbox-${lang}`);
    await page.goto(`/patients/${patientId}/consultation`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: consultationWith }).waitFor();
    await page.locator('#consultation-search').fill('f43');
    await page.locator('.diagnosis-results__choice').first().waitFor();
    await checkPage(page, `consultation-${lang}`);
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('heading', { name: ARABIC_NAME, level: 1 }).waitFor();
    await page.locator('.diagnosis').first().waitFor();
    await checkPage(page, `patient-psychiatrist-${lang}`);
    await page.goto('/inbox?lang=en');
    await signOut(page);
    await signIn(page, caseworker.username, caseworker.password);
  }, 120_000);
});
