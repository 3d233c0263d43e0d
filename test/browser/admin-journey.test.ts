import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/auth/totp.js';
import type { TestAccount } from '../support/server.js';
import { useBrowserApp } from './support/browser-app.js';
import { screenshotWidths, seriousAxeFindings } from './support/page-checks.js';
import { signIn } from './support/sign-in.js';

// The admin's work through the real UI, step by step on one page: each test starts where the one before
// ended. Every page visited is checked with axe-core and photographed at 1280 and 390 px, in English and Arabic.
const app = useBrowserApp();
let admin: TestAccount;
let caseworker: TestAccount;
let otherAdmin: TestAccount;

beforeAll(async () => {
  [admin, caseworker, otherAdmin] = await Promise.all([
    app.server.createAccount({ role: 'admin' }),
    app.server.createAccount({ role: 'caseworker' }),
    app.server.createAccount({ role: 'admin' }),
  ]);
});

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousAxeFindings(page), name).toEqual([]);
  await screenshotWidths(page, name);
}

const accept = (page: Page) => page.once('dialog', (dialog) => void dialog.accept());

describe('an admin’s work', () => {
  it('deactivates a user, who can no longer sign in, and reactivates them, who can again', async () => {
    const { page, server } = app;
    await signIn(page, admin.username, admin.password, () => currentTotpCode(admin.totp?.secret as string, new Date()));
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(caseworker.username.replace('.', '\\.')) });

    accept(page);
    await page.getByRole('button', { name: `Deactivate ${caseworker.username}` }).click();
    await row.getByText('Deactivated').waitFor();
    await expect(server.login(caseworker.username, caseworker.password)).rejects.toThrow();

    await page.getByRole('button', { name: `Reactivate ${caseworker.username}` }).click();
    await row.getByText('Active', { exact: true }).waitFor();
    expect((await server.login(caseworker.username, caseworker.password)).token_type).toBe('Bearer');
    await checkPage(page, 'admin-users-en');
  });

  it('gives another admin a new second factor, after asking, and shows it once', async () => {
    const { page, server } = app;
    accept(page);
    await page.getByRole('button', { name: `New second factor for ${otherAdmin.username}` }).click();
    const shown = page.getByRole('status').filter({ hasText: `${otherAdmin.username} has a new second factor.` });
    await shown.waitFor();
    const uri = (await shown.locator('code').textContent()) ?? '';
    const secret = new URL(uri).searchParams.get('secret') as string;
    const old = () => currentTotpCode(otherAdmin.totp?.secret as string, new Date());
    await expect(server.login(otherAdmin.username, otherAdmin.password, old())).rejects.toThrow();
    expect((await server.login(otherAdmin.username, otherAdmin.password, currentTotpCode(secret, new Date()))).token_type).toBe('Bearer');
  });

  it('creates a site: a refusal keeps what was typed and names the field; then the site is listed', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Organisations and sites' }).click();
    await page.getByRole('heading', { name: 'Organisations and sites', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Add site' });
    await form.getByLabel('Governorate').selectOption('Ninewa');
    await form.getByLabel('Kind of site').selectOption('camp');
    await form.getByRole('button', { name: 'Add site' }).click();
    await page.locator('#site-name-error').waitFor();
    expect(await form.getByLabel('Site name').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Governorate').inputValue()).toBe('Ninewa');

    await form.getByLabel('Site name').fill('Jadaa 1 camp');
    await form.getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('status').filter({ hasText: 'Site Jadaa 1 camp added.' }).waitFor();
    const listed = page.getByRole('table', { name: 'Sites' }).getByRole('row', { name: /Jadaa 1 camp/ });
    await listed.getByText('Ninewa').waitFor();
    await listed.getByText('Camp', { exact: true }).waitFor();
    await checkPage(page, 'admin-organizations-en');
  });

  it('registers a system client by its JWKS URL (an http address refused at its field), then deactivates it', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'System clients' }).click();
    await page.getByRole('heading', { name: 'System clients', level: 1 }).waitFor();
    await page.getByText('No system client is registered.').waitFor();
    const form = page.getByRole('form', { name: 'Register system client' });
    await form.getByLabel('Client id').fill('doh-ninewa');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Directorate of Health, Ninewa');
    // pasted keys that are not JSON are refused at their field before anything is sent
    await form.getByRole('radio', { name: 'Paste them here (JWKS)' }).check();
    await form.getByRole('textbox', { name: 'JWKS', exact: true }).fill('not a key set');
    await form.getByRole('button', { name: 'Register system client' }).click();
    await page.locator('#client-jwks-error').getByText('This is not JSON').waitFor();
    await form.getByRole('radio', { name: 'Where the system publishes them (JWKS URL)' }).check();
    await form.getByRole('textbox', { name: 'JWKS URL', exact: true }).fill('http://keys.doh-ninewa.example/jwks.json');
    await form.getByRole('button', { name: 'Register system client' }).click();
    await page.locator('#client-jwks-url-error').waitFor();
    expect(await form.getByLabel('Client id').inputValue()).toBe('doh-ninewa');

    await form.getByRole('textbox', { name: 'JWKS URL', exact: true }).fill('https://keys.doh-ninewa.example/jwks.json');
    await form.getByRole('button', { name: 'Register system client' }).click();
    await page.getByRole('status').filter({ hasText: 'System client doh-ninewa registered.' }).waitFor();
    const row = page.getByRole('row', { name: /doh-ninewa/ });
    await row.getByText('https://keys.doh-ninewa.example/jwks.json').waitFor();
    await row.getByText('system/*.rs').waitFor();
    await checkPage(page, 'admin-clients-en');

    accept(page);
    await page.getByRole('button', { name: 'Deactivate doh-ninewa' }).click();
    await row.getByText('Deactivated').waitFor();
  });

  it('the admin pages in Arabic, right to left', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await page.getByRole('heading', { name: 'الأنظمة المتصلة', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await checkPage(page, 'admin-clients-ar');
    await page.getByRole('link', { name: 'المنظمات والمواقع' }).click();
    await page.getByRole('heading', { name: 'المنظمات والمواقع', level: 1 }).waitFor();
    await checkPage(page, 'admin-organizations-ar');
    await page.getByRole('link', { name: 'المستخدمون' }).click();
    await page.getByRole('heading', { name: 'المستخدمون', level: 1 }).waitFor();
    await checkPage(page, 'admin-users-ar');
  });
});
