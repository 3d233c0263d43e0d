import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../client/src/i18n/messages-ar.js';
import type { TestAccount } from '../support/server.js';
import { registerBeneficiary } from './support/beneficiary.js';
import { useBrowserApp } from './support/browser-app.js';
import { checkPage } from './support/page-checks.js';
import { signIn } from './support/sign-in.js';

// A caseworker on the beneficiary's record: a case cannot be opened before consent to services (the server's
// gate, said in the interface with the way forward), the consent form, the case, then a consent withdrawn, by
// hand and by a later form that refuses it.
// Each test starts where the one before ended; the record is checked with axe-core and photographed.
const app = useBrowserApp();
let caseworker: TestAccount;
let patientId: string;

const LATIN_NAME = 'Rezan Kamal Haji';
const ARABIC_NAME = 'ريزان كمال حاجي';
const CASEWORKER_NAME = 'Shilan Omar';

beforeAll(async () => {
  caseworker = await app.server.createAccount({ role: 'caseworker', givenName: 'Shilan', familyName: 'Omar' });
  patientId = await registerBeneficiary(app.server, caseworker, { nameLatin: LATIN_NAME, nameArabicScript: ARABIC_NAME, gender: 'female', birthMode: 'estimated-age', estimatedAge: '34', governorate: 'Dahuk' });
});

const openRecord = async (page: Page, heading: string) => {
  await page.goto(`/patients/${patientId}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
};

const yes = (page: Page, question: RegExp) => page.getByRole('group', { name: question }).getByLabel('Yes', { exact: true }).check();
const no = (page: Page, question: RegExp) => page.getByRole('group', { name: question }).getByLabel('No', { exact: true }).check();

/** An adult's consent form, everything explained and agreed to but being contacted, which is answered as given. */
async function fillConsentForm(page: Page, answers: { contact: typeof yes }): Promise<void> {
  await yes(page, /^The services, their purpose/);
  await yes(page, /^The limits of confidentiality/);
  await yes(page, /^The person was told they may withdraw/);
  await yes(page, /^The person \(and caregiver\) said they understood/);
  await no(page, /^The person is a child/);
  await yes(page, /^Agrees to receive mental health/);
  await yes(page, /^Agrees that personal information is collected/);
  await yes(page, /^Agrees that personal information is stored/);
  await answers.contact(page, /^Agrees to be contacted/);
  await page.getByRole('group', { name: /^How consent was given/ }).getByLabel('Verbally').check();
  await page.getByLabel(/^Date/).fill(new Date().toISOString().slice(0, 10));
}

describe('a caseworker on the record: consent, case, withdrawal', () => {
  it('no case without consent to services, said in Arabic, right to left', async () => {
    const { page } = app;
    await signIn(page, caseworker.username, caseworker.password);
    await page.goto(`/patients/${patientId}?lang=ar`);
    await page.getByRole('heading', { name: ARABIC_NAME, level: 1 }).waitFor();
    await page.getByRole('region', { name: ar['cases.title'] }).getByRole('button', { name: ar['openCase.open'] }).click();
    const form = page.getByRole('form', { name: ar['openCase.title'] });
    await form.getByRole('button', { name: ar['openCase.submit'] }).click();
    await form.getByRole('alert').getByText(ar['openCase.noConsentTitle']).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await checkPage(page, 'record-case-refused-ar');
    await page.goto('/my-work?lang=en');
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
  });

  it('in English: the refusal says why and what to do, and keeps the date typed', async () => {
    const { page } = app;
    await openRecord(page, LATIN_NAME);
    const cases = page.getByRole('region', { name: 'Open cases' });
    await cases.getByRole('button', { name: 'Open a case' }).click();
    const form = page.getByRole('form', { name: 'Open a case' });
    await form.getByText(`You (${CASEWORKER_NAME})`).waitFor();
    const start = form.getByLabel('Start date');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await start.fill(yesterday);
    const refused = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/EpisodeOfCare') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Open the case' }).click();
    expect((await refused).status()).toBe(409);
    const alert = form.getByRole('alert');
    await alert.getByText('The case was not opened: there is no consent to services in force').waitFor();
    await alert.getByRole('link', { name: 'Record consent' }).waitFor();
    expect(await start.inputValue()).toBe(yesterday);
    await checkPage(page, 'record-case-refused-en');
  });

  it('records consent with the consent form; the record lists each purpose in force', async () => {
    const { page } = app;
    await page.getByRole('region', { name: 'Open cases' }).getByRole('link', { name: 'Record consent' }).click();
    await page.getByRole('heading', { name: `Consent: ${LATIN_NAME}` }).waitFor();
    await fillConsentForm(page, { contact: yes });
    const saved = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/QuestionnaireResponse') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit responses' }).click();
    expect((await saved).status()).toBe(201);
    await openRecord(page, LATIN_NAME);
    const consents = page.getByRole('region', { name: 'Consents' });
    await consents.getByRole('listitem').filter({ hasText: 'Receiving services' }).getByText('In force').waitFor();
    await consents.getByRole('listitem').filter({ hasText: 'Being contacted' }).getByText('In force').waitFor();
  });

  it('opens the case, held by the caseworker', async () => {
    const { page } = app;
    const cases = page.getByRole('region', { name: 'Open cases' });
    await cases.getByRole('button', { name: 'Open a case' }).click();
    const opened = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/EpisodeOfCare') && r.request().method() === 'POST');
    await page.getByRole('form', { name: 'Open a case' }).getByRole('button', { name: 'Open the case' }).click();
    expect((await opened).status()).toBe(201);
    await cases.getByText(`Case manager: ${CASEWORKER_NAME}`).waitFor();
    await cases.getByText('Active').waitFor();
    // one open case: no second one is offered
    expect(await cases.getByRole('button', { name: 'Open a case' }).count()).toBe(0);
  });

  it('withdraws the consent to services after confirming; it stays on the record, withdrawn, and the case manager is told', async () => {
    const { page } = app;
    const services = page.getByRole('region', { name: 'Consents' }).getByRole('listitem').filter({ hasText: 'Receiving services' });
    await services.getByRole('button', { name: 'Withdraw' }).click();
    const confirm = services.getByRole('group', { name: 'Withdraw the consent to “Receiving services”?' });
    await confirm.getByText(/^Services stop/).waitFor();
    await checkPage(page, 'record-withdraw-confirm-en');
    const withdrawn = page.waitForResponse((r) => r.url().includes('/fhir/R4/Consent/') && r.request().method() === 'PUT');
    await confirm.getByRole('button', { name: 'Yes, withdraw it' }).click();
    expect((await withdrawn).status()).toBe(200);
    const after = page.getByRole('region', { name: 'Consents' }).getByRole('listitem').filter({ hasText: 'Receiving services' });
    await after.getByText('Withdrawn', { exact: true }).waitFor();
    await after.getByText(/withdrawn /).waitFor();
    expect(await after.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    // the server's consent-withdrawn Task, on the case, for its manager
    await page.getByRole('region', { name: 'Tasks' }).getByText('Consent withdrawn', { exact: true }).waitFor();
    // the timeline: the withdrawal first, the task it raised, the consent form filled, the consent given
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Consent withdrawn: Receiving services').waitFor();
    await timeline.getByText('Consent given: Receiving services').waitFor();
    await timeline.getByRole('link', { name: 'Consent', exact: true }).waitFor();
    const entries = await timeline.getByRole('listitem').allTextContents();
    expect(entries.findIndex((e) => e.includes('Consent withdrawn: Receiving services'))).toBeLessThan(entries.findIndex((e) => e.includes('Consent given: Receiving services')));
    await checkPage(page, 'record-en');
  });

  it('a later consent form says that a No withdraws what was agreed before; answering No to contact withdraws it', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Record consent' }).first().click();
    await page.getByRole('heading', { name: `Consent: ${LATIN_NAME}` }).waitFor();
    await page.getByText('This form is the person’s decision now').waitFor();
    await fillConsentForm(page, { contact: no });
    await checkPage(page, 'record-later-consent-form-en');
    const saved = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/QuestionnaireResponse') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit responses' }).click();
    expect((await saved).status()).toBe(201);
    await openRecord(page, LATIN_NAME);
    const consents = page.getByRole('region', { name: 'Consents' });
    await consents.getByRole('listitem').filter({ hasText: 'Being contacted' }).getByText('Withdrawn', { exact: true }).waitFor();
    // the new form's consent to services is in force again
    await consents.getByRole('listitem').filter({ hasText: 'Receiving services' }).getByText('In force').waitFor();
  });

  it('in Arabic the record runs right to left, and purposes, statuses and task titles are in Arabic', async () => {
    const { page } = app;
    await page.goto(`/patients/${patientId}?lang=ar`);
    await page.getByRole('heading', { name: ARABIC_NAME, level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const consents = page.getByRole('region', { name: ar['consents.title'] });
    await consents.getByRole('listitem').filter({ hasText: ar['consentPurpose.services'] }).getByText(ar['consents.status.inactive'], { exact: true }).waitFor();
    const tasks = page.getByRole('region', { name: ar['tasks.title'] });
    // one for each withdrawal: services by hand, contact by the later form
    await tasks.getByText(ar['taskType.consent-withdrawn'], { exact: true }).first().waitFor();
    expect(await tasks.getByText(ar['taskType.consent-withdrawn'], { exact: true }).count()).toBe(2);
    await tasks.getByText(ar['taskNote.consent-withdrawn']).first().waitFor();
    expect(await tasks.textContent()).not.toMatch(/Consent withdrawn|Services stop/);
    const timeline = page.getByRole('region', { name: ar['timeline.title'] });
    await timeline.getByText(ar['timeline.consentWithdrawn'].replace('{purpose}', ar['consentPurpose.services'])).waitFor();
    await checkPage(page, 'record-ar');
    await page.goto('/my-work?lang=en');
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
  });
});
