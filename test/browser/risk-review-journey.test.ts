import { beforeAll, describe, expect, it } from 'vitest';
import { fhirClient, type TestAccount } from '../support/server.js';
import { allWeighted } from '../questionnaires/fixtures.js';
import { PHQ9_ITEMS_1_TO_8, responseTo } from '../clinical/fixtures.js';
import { registerBeneficiary } from './support/beneficiary.js';
import { useBrowserApp } from './support/browser-app.js';
import { checkPage } from './support/page-checks.js';
import { signIn, signOut } from './support/sign-in.js';

// Acting on a suicide-risk alert through the real UI, step by step on one page: the caseworker's PHQ-9 (item 9
// "Several days") raised it; the caseworker sees who was told and may refer urgently; the psychologist writes
// the safety plan from the alert, records the review, and the alert is gone. Each screen is checked with axe
// and photographed at 1280 and 390 px, in English and Arabic.
const app = useBrowserApp();
let caseworker: TestAccount;
let psychologist: TestAccount;
let patientId: string;

const LATIN_NAME = 'Dilan Rebwar Aziz';
const REVIEW_NOTE = 'Seen today with her sister: passive thoughts, no plan or means. Safety plan made; she keeps a copy.';

beforeAll(async () => {
  caseworker = await app.server.createAccount({ role: 'caseworker', givenName: 'Layla', familyName: 'Hassan' });
  psychologist = await app.server.createAccount({ role: 'psychologist', givenName: 'Shilan', familyName: 'Karim' });
  patientId = await registerBeneficiary(app.server, caseworker, { nameLatin: LATIN_NAME, gender: 'female', birthMode: 'estimated-age', estimatedAge: '23', governorate: 'Dahuk' });
  // the caseworker's screening, as the form submits it: item 9 "Several days" raises the alert and its review
  const tokens = await app.server.login(caseworker.username, caseworker.password);
  const fhir = fhirClient(app.server.fhirBase, { Authorization: `Bearer ${tokens.access_token}` });
  const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', patientId, { ...allWeighted(PHQ9_ITEMS_1_TO_8, 1), 'phq9-9': { weight: 1 } }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});

const alertOnPage = () => app.page.getByRole('alert').filter({ hasText: 'Active suicide-risk alert' });
const openRecord = async (lang = 'en') => {
  await app.page.goto(`/patients/${patientId}?lang=${lang}`);
  await app.page.locator('h1').filter({ hasText: LATIN_NAME }).waitFor();
};

describe('acting on a suicide-risk alert', () => {
  it('the caseworker sees who was told and may refer urgently, but neither writes the safety plan nor closes the alert', async () => {
    const { page } = app;
    await signIn(page, caseworker.username, caseworker.password);
    await openRecord();
    const alert = alertOnPage();
    await alert.waitFor();
    // no case yet: the review went to the site's supervisor (the test server's), named
    await alert.getByText(/^Told: Test User \(supervisor\) · review due/).waitFor();
    await alert.getByRole('link', { name: 'Refer urgently' }).waitFor();
    expect(await alert.getByRole('link', { name: /safety plan/ }).count()).toBe(0);
    expect(await alert.getByRole('button', { name: 'Record the review' }).count()).toBe(0);
    await alert.getByText('A psychologist, psychiatrist or supervisor records the review and closes the alert.').waitFor();
    await checkPage(page, 'risk-alert-caseworker-en');

    await alert.getByRole('link', { name: 'Refer urgently' }).click();
    await page.getByRole('heading', { name: new RegExp(`Refer ${LATIN_NAME}`) }).waitFor();
    expect(await page.getByRole('radio', { name: 'Urgent' }).isChecked()).toBe(true);
    await signOut(page);
  });

  it('the psychologist finds the steps under the alert, in English and in Arabic', async () => {
    const { page } = app;
    await signIn(page, psychologist.username, psychologist.password);
    await openRecord();
    const alert = alertOnPage();
    await alert.getByRole('link', { name: 'Write the safety plan' }).waitFor();
    await alert.getByRole('link', { name: 'Refer urgently' }).waitFor();
    await alert.getByRole('button', { name: 'Record the review' }).waitFor();
    await checkPage(page, 'risk-alert-en');

    await openRecord('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const arabic = page.getByRole('alert').filter({ hasText: 'تنبيه نشط: خطر الانتحار' });
    await arabic.getByRole('link', { name: 'اكتب خطة السلامة' }).waitFor();
    await arabic.getByRole('button', { name: 'سجّل المراجعة' }).waitFor();
    await arabic.getByText(/أُبلِغ: /).waitFor();
    await checkPage(page, 'risk-alert-ar');
    await openRecord('en');
  });

  it('writes the safety plan from the alert’s button; back on the record the step is to review it', async () => {
    const { page } = app;
    await alertOnPage().getByRole('link', { name: 'Write the safety plan' }).click();
    await page.getByRole('heading', { name: new RegExp(`Safety plan: ${LATIN_NAME}`) }).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const inFiveWeeks = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 10);
    await page.getByRole('group', { name: 'A thought, feeling, situation or behaviour I notice' }).getByRole('textbox').first().fill('Not sleeping, staying in my room');
    await page.getByLabel('Date the plan was made').fill(today);
    await page.getByLabel('Date to review the plan').fill(inFiveWeeks);
    const created = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/QuestionnaireResponse') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit responses' }).click();
    expect((await created).status()).toBe(201);
    await page.getByRole('link', { name: `Back to ${LATIN_NAME}` }).click();
    await alertOnPage().getByRole('link', { name: 'Review the safety plan' }).waitFor();
    // the safety plan done, its "safety plan needed" Task is gone; the review stays open
    const tasks = page.getByRole('region', { name: 'Tasks' });
    await tasks.getByText('Review suicide risk').waitFor();
    expect(await tasks.getByText('Safety plan needed').count()).toBe(0);
  });

  it('records the review: a note is asked for, then the alert is gone and the record shows the review', async () => {
    const { page } = app;
    const alert = alertOnPage();
    await alert.getByRole('button', { name: 'Record the review' }).click();
    const note = alert.getByLabel(/What the review found/);
    await note.waitFor();
    await alert.getByRole('button', { name: 'Record the review' }).click(); // with the note still empty
    await alert.getByText('Write what the review found before recording it.').waitFor();
    await note.fill(REVIEW_NOTE);
    const saved = page.waitForResponse((r) => /\/fhir\/R4\/Task\//.test(r.url()) && r.request().method() === 'PUT');
    await alert.getByRole('button', { name: 'Record the review' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'The review is recorded and the alert is closed.' }).waitFor();

    const done = page.getByRole('region', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: REVIEW_NOTE });
    await done.waitFor();
    await done.getByText(/Recorded .* by Shilan Karim/).waitFor();
    expect(await alertOnPage().count()).toBe(0);
    await checkPage(page, 'risk-reviewed-en');

    await openRecord('ar');
    await page.getByRole('heading', { name: 'مراجعات خطر الانتحار المسجّلة' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'تنبيه نشط' }).count()).toBe(0);
    await checkPage(page, 'risk-reviewed-ar');
    await openRecord('en');
    await signOut(page);
  });

  it('the supervisor’s menu counts the urgent tasks waiting; the list puts the longest overdue first, and reads in Arabic', async () => {
    const { page, server } = app;
    // two more urgent items for the same person: a break-glass review (its reason typed in Arabic), and a
    // follow-up made urgent that has been overdue for two days
    const psychologistToken = (await server.login(psychologist.username, psychologist.password)).access_token;
    const asPsychologist = fhirClient(server.fhirBase, { Authorization: `Bearer ${psychologistToken}` });
    const opened = await asPsychologist('POST', `Patient/${patientId}/$break-glass`, { resourceType: 'Parameters', parameter: [{ name: 'reason', valueString: 'اتصلت أختها: خطر فوري' }] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const overdue = await fhirClient(server.fhirBase)('POST', 'Task', {
      resourceType: 'Task',
      status: 'requested',
      intent: 'plan',
      priority: 'urgent',
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'next-session' }] },
      for: { reference: `Patient/${patientId}` },
      authoredOn: days(5),
      restriction: { period: { end: days(2) } },
    });
    expect(overdue.status, JSON.stringify(overdue.body)).toBe(201);

    await signIn(page, server.account.username, server.account.password);
    const entry = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Urgent tasks \d+$/ });
    await entry.click();
    await page.getByRole('heading', { name: 'Urgent tasks', level: 1 }).waitFor();
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await entry.textContent()).toBe(`Urgent tasks${await rows.count()}`);
    expect(await rows.first().textContent()).toContain('Next session');
    expect(await rows.first().textContent()).toContain('Overdue');
    // the review is done: it is no longer among them; the break-glass review is, with its reason as typed
    expect(await page.getByRole('row', { name: new RegExp(LATIN_NAME) }).filter({ hasText: 'Review suicide risk' }).count()).toBe(0);
    await page.getByRole('row').filter({ hasText: 'Review of break-glass access' }).getByText('Reason given: اتصلت أختها: خطر فوري').waitFor();
    await checkPage(page, 'urgent-list-en');

    await page.goto('/urgent-tasks?lang=ar');
    const breakGlass = page.getByRole('row').filter({ hasText: 'مراجعة الوصول الطارئ' });
    await breakGlass.waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const english of ['opened this record outside their caseload', 'Review of break-glass access', 'Next session']) expect(text).not.toContain(english);
    await breakGlass.getByText('اتصلت أختها: خطر فوري').waitFor();
    await checkPage(page, 'urgent-list-ar');
    await page.goto('/urgent-tasks?lang=en');
  });
});
