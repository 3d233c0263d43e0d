import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../support/server.js';
import { useBrowserApp } from './support/browser-app.js';
import { signIn, signOut } from './support/sign-in.js';

// One journey through the real UI, step by step on one page: each test starts where the one before ended.
const app = useBrowserApp();
let caseworker: TestAccount;

beforeAll(async () => {
  caseworker = await app.server.createAccount({ role: 'caseworker' });
});

const LATIN_NAME = 'Leila Jamal Karim';
const ARABIC_NAME = 'ليلى جمال كريم';

describe('a caseworker registers and screens a beneficiary; the supervisor sees the urgent review', () => {
  it('a refused registration keeps everything typed and shows the server’s issue at its field', async () => {
    const { page } = app;
    await signIn(page, caseworker.username, caseworker.password);
    await page.getByRole('link', { name: 'Register beneficiary' }).first().click();
    await page.getByRole('heading', { name: 'Register beneficiary', level: 1 }).waitFor();

    await page.getByLabel('Full name in Arabic script').fill(ARABIC_NAME);
    await page.getByLabel('Full name in Latin letters').fill(LATIN_NAME);
    await page.getByLabel('Only an estimated age').check();
    await page.getByLabel('Estimated age in years').fill('34');
    await page.getByLabel('Governorate').selectOption('Dahuk');
    // No gender: Hiwa's patient profile requires one, and the server says so at Patient.gender.
    const refused = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/Patient') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Check and register' }).click();
    expect((await refused).status()).toBe(422);

    const genderError = page.locator('#beneficiary-gender-error');
    await genderError.waitFor();
    expect(await genderError.textContent()).toContain('Missing required property');
    expect(await page.getByLabel('Gender').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: 'This could not be saved' }).waitFor();
    expect(await page.getByLabel('Full name in Arabic script').inputValue()).toBe(ARABIC_NAME);
    expect(await page.getByLabel('Full name in Latin letters').inputValue()).toBe(LATIN_NAME);
    expect(await page.getByLabel('Estimated age in years').inputValue()).toBe('34');
    expect(await page.getByLabel('Governorate').inputValue()).toBe('Dahuk');
  });

  it('with the gender chosen the record is created and opened', async () => {
    const { page } = app;
    await page.getByLabel('Gender').selectOption('female');
    await page.getByRole('button', { name: 'Check and register' }).click();
    await page.getByRole('heading', { name: LATIN_NAME, level: 1 }).waitFor();
    const demographics = page.getByRole('region', { name: 'Demographics' });
    await demographics.getByText(ARABIC_NAME).waitFor();
    await demographics.getByText('about 34 years (estimated)').waitFor();
    await demographics.getByText('Dahuk').waitFor();
    await page.getByText('No screening scores yet.').waitFor();
  });

  it('registering a similar name shows the possible match before anything is created', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Register beneficiary' }).first().click();
    await page.getByLabel('Full name in Latin letters').fill('Leila Karim');
    await page.getByLabel('Gender').selectOption('female');
    await page.getByRole('button', { name: 'Check and register' }).click();
    const matches = page.getByRole('region', { name: 'Possible matches' });
    await matches.getByText(LATIN_NAME).waitFor();
    await matches.getByRole('link', { name: 'Open this record' }).click();
    await page.getByRole('heading', { name: LATIN_NAME, level: 1 }).waitFor();
  });

  it('PHQ-9 with item 9 "Several days": the result shows the score, its band and the suicide-risk alert', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Screen with PHQ-9' }).click();
    await page.getByRole('heading', { name: `PHQ-9: ${LATIN_NAME}` }).waitFor();
    // Items 1–8 "Several days" (1 each) and item 9 "Several days": a total of 9, mild.
    for (let item = 1; item <= 9; item++) {
      await page.getByRole('group', { name: new RegExp(`^${item}\\. `) }).getByLabel('Several days').check();
    }
    await page.getByRole('group', { name: /^10\. / }).getByLabel('Somewhat difficult').check();
    const created = page.waitForResponse((r) => r.url().endsWith('/fhir/R4/QuestionnaireResponse') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit responses' }).click();
    expect((await created).status()).toBe(201);

    await page.getByRole('heading', { name: 'Result' }).waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'Active suicide-risk alert' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Thoughts that you would be better off dead');
    const total = page.getByRole('row', { name: /PHQ-9 total score/ });
    await total.waitFor();
    expect(await total.textContent()).toMatch(/PHQ-9 total score\s*9\s*Mild/);
  });

  it('the patient page then shows the alert first, the scores and the urgent review task', async () => {
    const { page } = app;
    await page.getByRole('link', { name: `Back to ${LATIN_NAME}` }).click();
    await page.getByRole('heading', { name: LATIN_NAME, level: 1 }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Active suicide-risk alert' }).waitFor();
    const scores = page.getByRole('region', { name: 'Screening scores' });
    expect(await scores.getByRole('row', { name: /PHQ-9 total score/ }).textContent()).toMatch(/9\s*Mild/);
    await scores.getByRole('img', { name: /PHQ-9 total score over time: 9/ }).waitFor();
    const tasks = page.getByRole('region', { name: 'Tasks' });
    await tasks.getByText('Review suicide risk').waitFor();
    // the review and the "safety plan needed" Task the same alert raises are both urgent
    await tasks.getByText('Urgent').first().waitFor();
    await signOut(page);
  });

  it('the supervisor sees the review among the team’s high-risk alerts, finds it among the urgent tasks and opens the record from there', async () => {
    const { page, server } = app;
    await signIn(page, server.account.username, server.account.password);
    await page.getByRole('region', { name: 'High-risk alerts' }).getByRole('listitem').filter({ hasText: 'Review suicide risk' }).filter({ hasText: LATIN_NAME }).waitFor();
    // the menu entry, named with the count of urgent tasks waiting ("Urgent tasks 2"), not the team view's "All urgent tasks"
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Urgent tasks \d+$/ }).click();
    // the review, and the "safety plan needed" Task the same alert raised
    const row = page.getByRole('row', { name: new RegExp(LATIN_NAME) }).filter({ hasText: 'Review suicide risk' });
    await row.waitFor();
    await row.getByRole('link', { name: LATIN_NAME }).click();
    await page.getByRole('alert').filter({ hasText: 'Active suicide-risk alert' }).waitFor();
    await signOut(page);
  });
});
