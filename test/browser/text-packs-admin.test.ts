import { beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/auth/totp.js';
import { fhirClient, type TestAccount } from '../support/server.js';
import { useBrowserApp } from './support/browser-app.js';
import { checkPage } from './support/page-checks.js';
import { signIn } from './support/sign-in.js';

// An admin installs a text pack from its file through the real UI, step by step on one page. Every page
// visited is checked with axe-core and photographed at 1280 and 390 px, in English and Arabic.
const app = useBrowserApp();
let admin: TestAccount;

/** Stand-in wording: licensed SDQ wording never goes into this repository, not even in tests. */
const pack = {
  questionnaire: 'SDQ_S11_17',
  language: 'ckb',
  reviewStatus: 'authorised translation (test)',
  title: 'Placeholder title (ckb)',
  items: { 'sdq-01-consid': { text: 'placeholder wording 1' } },
};
const file = (name: string, content: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(content) });

beforeAll(async () => {
  admin = await app.server.createAccount({ role: 'admin' });
});

describe('installing a text pack', () => {
  it('refuses a file that is not JSON, and a pack that does not fit its form, naming what is wrong', async () => {
    const { page } = app;
    await signIn(page, admin.username, admin.password, () => currentTotpCode(admin.totp?.secret as string, new Date()));
    await page.getByRole('link', { name: 'Text packs' }).click();
    await page.getByRole('heading', { name: 'Text packs', level: 1 }).waitFor();
    await page.getByText('No text pack has been installed here').waitFor();
    const form = page.getByRole('form', { name: 'Install a text pack' });

    await form.getByRole('button', { name: 'Install a text pack' }).click();
    await page.locator('#text-pack-file-error').getByText('Choose the file of the text pack.').waitFor();

    await form.getByLabel('Text pack file').setInputFiles(file('broken.json', '{ not json'));
    await form.getByRole('button', { name: 'Install a text pack' }).click();
    await page.locator('#text-pack-file-error').getByText('broken.json is not JSON').waitFor();

    const misfit = { ...pack, language: 'Sorani', items: { 'sdq-99-unknown': { text: 'x' } } };
    await form.getByLabel('Text pack file').setInputFiles(file('misfit.json', JSON.stringify(misfit)));
    await form.getByRole('button', { name: 'Install a text pack' }).click();
    await page.getByRole('alert').getByText(/^language: /).waitFor();
    const unknown = { ...pack, items: { 'sdq-99-unknown': { text: 'x' } } };
    await form.getByLabel('Text pack file').setInputFiles(file('unknown.json', JSON.stringify(unknown)));
    await form.getByRole('button', { name: 'Install a text pack' }).click();
    await page.getByRole('alert').getByText(/^items\.sdq-99-unknown: .*no item with linkId 'sdq-99-unknown'/).waitFor();
    await checkPage(page, 'admin-text-packs-refused-en');
  });

  it('installs a pack that fits: listed with who installed it, and used to word the form at once', async () => {
    const { page, server } = app;
    const form = page.getByRole('form', { name: 'Install a text pack' });
    await form.getByLabel('Text pack file').setInputFiles(file('SDQ_S11_17.ckb.json', JSON.stringify(pack)));
    await form.getByRole('button', { name: 'Install a text pack' }).click();
    await page.getByRole('status').filter({ hasText: 'Text pack SDQ_S11_17 (ckb) installed.' }).waitFor();
    const row = page.getByRole('table', { name: 'Installed text packs' }).getByRole('row', { name: /SDQ_S11_17/ });
    await row.getByText('ckb', { exact: true }).waitFor();
    await row.getByText(admin.username).waitFor();
    await checkPage(page, 'admin-text-packs-en');

    const localized = await fhirClient(server.fhirBase)('GET', 'Questionnaire/sdq-s11-17-1.0.0/$localize?lang=ckb');
    expect(localized.body.title).toBe('Placeholder title (ckb)');
  });

  it('the text packs page in Arabic, right to left', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await page.getByRole('heading', { name: 'حزم النصوص', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const form = page.getByRole('form', { name: 'تثبيت حزمة نصوص' });
    await form.getByLabel('ملف حزمة النصوص').setInputFiles(file('misfit.json', JSON.stringify({ ...pack, language: 'Sorani' })));
    await form.getByRole('button', { name: 'تثبيت حزمة نصوص' }).click();
    await page.getByRole('alert').getByText(/^language: /).waitFor();
    // the notice of the earlier installation gives way: it would speak of a state gone by
    expect(await page.getByRole('status').filter({ hasText: 'SDQ_S11_17' }).count()).toBe(0);
    await checkPage(page, 'admin-text-packs-ar');
  });
});
