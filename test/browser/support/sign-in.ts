import type { Page } from 'playwright-core';

/** Signs in through the sign-in page, as a person would, and waits for the signed-in frame. */
export async function signIn(page: Page, username: string, password: string, totp?: () => string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totp) {
    // The server asks for the second factor by naming the field; the page then shows it.
    const code = page.getByLabel('One-time code from the authenticator app');
    await code.fill(totp());
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}
