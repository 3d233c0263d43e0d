import { describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/auth/totp.js';
import { useBrowserApp } from './support/browser-app.js';
import { signIn, signOut } from './support/sign-in.js';

// Two failures lock an account here, so the throttled answer (429 with Retry-After) is quick to reach.
const app = useBrowserApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '2' } });

describe('sign-in', () => {
  it('a refused sign-in keeps what was typed and shows the server’s message', async () => {
    const { page } = app;
    await page.goto('/');
    await page.getByLabel('Username').fill('test.supervisor');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'Sign-in failed' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Invalid credentials');
    expect(await page.getByLabel('Username').inputValue()).toBe('test.supervisor');
    expect(await page.getByLabel('Password').inputValue()).toBe('not the password');
  });

  it('too many failures: the server’s 429 message, when to try again, and the button held until then', async () => {
    const { page } = app;
    await page.goto('/');
    await page.getByLabel('Username').fill('somebody.else');
    await page.getByLabel('Password').fill('wrong twice over');
    const button = page.getByRole('button', { name: 'Sign in' });
    for (const attempt of [1, 2]) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/auth/login'));
      await button.click();
      expect((await answered).status(), `attempt ${attempt}`).toBe(401);
    }
    const throttled = page.waitForResponse((r) => r.url().endsWith('/auth/login'));
    await button.click();
    expect((await throttled).status()).toBe(429);

    const alert = page.getByRole('alert').filter({ hasText: 'Too many failed logins' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('You can try again at');
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByLabel('Username').inputValue()).toBe('somebody.else');
  });
});

describe('what each role is given', () => {
  it('a reporter sees the reports there are, and no patient search at all', async () => {
    const { page, server } = app;
    const reporter = await server.createAccount({ role: 'reporter' });
    await signIn(page, reporter.username, reporter.password);

    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByText('No report has been saved yet.').waitFor();
    expect(await page.getByRole('search').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Caseload' }).count()).toBe(0);

    await page.goto('/caseload');
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
    expect(await page.getByRole('searchbox').count()).toBe(0);
    await signOut(page);
    // whoever signs in next starts at their own home, not at the page left open
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('an admin (with a second factor) lists users, creates one (a refusal shown at its field) and deactivates it', async () => {
    const { page, server } = app;
    const admin = await server.createAccount({ role: 'admin' });
    const secret = admin.totp?.secret;
    if (!secret) throw new Error('an admin outside demo mode is created with a second factor');
    await signIn(page, admin.username, admin.password, () => currentTotpCode(secret, new Date()));

    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'test.supervisor' }).waitFor();

    const form = page.getByRole('form', { name: 'Create user' });
    await form.getByLabel('Username').fill('dilan.caseworker');
    await form.getByLabel('Given name').fill('Dilan');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('checkbox', { name: 'Test site' }).check();
    await form.getByRole('button', { name: 'Create user' }).click();

    const passwordError = page.locator('#user-password-error');
    await passwordError.waitFor();
    expect(await passwordError.textContent()).toContain('at least 12 characters');
    expect(await form.getByLabel('Username').inputValue()).toBe('dilan.caseworker');
    expect(await form.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Password').fill('river stones under a quiet bridge');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'User dilan.caseworker created.' }).waitFor();
    await page.getByRole('rowheader', { name: 'dilan.caseworker' }).waitFor();

    // deactivation asks first, then the account shows as deactivated and its sign-in is refused
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Deactivate dilan.caseworker' }).click();
    await page.getByRole('row', { name: /dilan\.caseworker/ }).getByText('Deactivated').waitFor();
    await expect(server.login('dilan.caseworker', 'river stones under a quiet bridge')).rejects.toThrow();
    await signOut(page);
  });
});

describe('languages', () => {
  it('Arabic, Sorani and Bahdini turn the page right to left, Kurmanji in Latin script and English left to right', async () => {
    const { page, server } = app;
    await page.goto('/');
    const html = page.locator('html');
    const language = page.getByRole('combobox', { name: 'Language' });

    await language.selectOption('ar');
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await html.getAttribute('lang')).toBe('ar');
    await page.getByText('مسودة آلية').waitFor(); // the draft is marked as one

    // Signed in, the whole frame follows: navigation in Arabic, still right to left.
    const caseworker = await server.createAccount({ role: 'caseworker' });
    await page.getByLabel('اسم المستخدم').fill(caseworker.username);
    await page.getByLabel('كلمة المرور').fill(caseworker.password);
    await page.getByRole('button', { name: 'دخول' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'تسجيل مستفيد' }).waitFor();
    expect(await html.getAttribute('dir')).toBe('rtl');

    await page.getByRole('combobox', { name: 'اللغة' }).selectOption('ckb');
    await page.getByRole('navigation').getByRole('link', { name: 'تۆمارکردنی سوودمەند' }).waitFor();
    expect(await html.getAttribute('dir')).toBe('rtl');

    // Bahdini: Kurmanji in Arabic script, right to left
    await page.getByRole('combobox', { name: 'زمان' }).selectOption('kmr-Arab');
    await page.getByRole('navigation').getByRole('link', { name: 'تۆمارکرنا سوودمەندی' }).waitFor();
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await html.getAttribute('lang')).toBe('kmr-Arab');

    await page.getByRole('combobox', { name: 'زمان' }).selectOption('kmr-Latn');
    await page.getByRole('navigation').getByRole('link', { name: 'Tomarkirina sûdmendî' }).waitFor();
    expect(await html.getAttribute('dir')).toBe('ltr');

    await page.getByRole('combobox', { name: 'Ziman' }).selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Register beneficiary' }).waitFor();
    expect(await html.getAttribute('dir')).toBe('ltr');
    expect(await html.getAttribute('lang')).toBe('en');
    await signOut(page);
  });
});
