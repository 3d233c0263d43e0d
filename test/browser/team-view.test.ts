import type { EpisodeOfCare, Task } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fhirClient } from '../support/server.js';
import { useBrowserApp } from './support/browser-app.js';
import { screenshotWidths, seriousAxeFindings } from './support/page-checks.js';
import { signIn } from './support/sign-in.js';

// The demo programme's supervisor (Nasreen Omar) on her landing page: the case-closure request of the demo
// data waits for her, and the demo caseworker (Layla Hassan) holds cases she can give to the psychologist.
const app = useBrowserApp({ demo: true });

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousAxeFindings(page), name).toEqual([]);
  await screenshotWidths(page, name);
}

async function asSupervisor() {
  const tokens = await app.server.login('supervisor', 'demo');
  return fhirClient(app.server.fhirBase, { Authorization: `Bearer ${tokens.access_token}` });
}

describe('the supervisor’s team view', () => {
  it('is where the supervisor lands: approvals, high-risk alerts, overdue work and the caseload per worker', async () => {
    const { page } = app;
    await signIn(page, 'supervisor', 'demo');
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/team');
    for (const region of ['Waiting for your approval', 'High-risk alerts', 'Overdue work', 'Caseload per worker']) {
      await page.getByRole('heading', { name: region, level: 2 }).waitFor();
    }
    const caseload = page.getByRole('region', { name: 'Caseload per worker' });
    await caseload.getByRole('listitem').filter({ hasText: 'Layla Hassan' }).getByText(/Active cases: [1-9]/).waitFor();
    // the team is the supervisor's organisation: the partner's caseworker is not in it (a case cannot go to her)
    expect(await caseload.getByText('Hana Khalil').count()).toBe(0);
    await checkPage(page, 'team-en');
  }, 120_000);

  it('runs right to left in Arabic, with the task kinds and closure reasons in Arabic', async () => {
    const { page } = app;
    await page.goto('/team?lang=ar');
    await page.getByRole('heading', { name: 'الفريق', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'عبء الحالات لكل عامل', level: 2 }).waitFor();
    await page.getByText('السبب: تحققت الأهداف').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const english of ['Case closure approval', 'Review a possible duplicate', 'Review suicide risk', 'Next session', 'Re-assessment']) expect(text).not.toContain(english);
    await checkPage(page, 'team-ar');
    await page.goto('/team?lang=en');
  }, 120_000);

  it('approves a closure after a decline that asked for its reason was cancelled; the case is finished', async () => {
    const { page } = app;
    const approvals = page.getByRole('region', { name: 'Waiting for your approval' });
    const closure = approvals.getByRole('listitem').filter({ hasText: 'Case closure approval' }).first();
    await closure.getByText('Reason: Goals met').waitFor();
    await closure.getByText(/^Outcome: Goals met: sleeping and working again/).waitFor();

    await closure.getByRole('button', { name: 'Decline' }).click();
    await closure.getByRole('button', { name: 'Decline' }).click(); // again, with no reason written
    await closure.getByText('Say why it is declined.').waitFor();
    await checkPage(page, 'team-decline-en');
    await closure.getByRole('button', { name: 'Cancel' }).click();

    const decided = page.waitForResponse((r) => r.url().includes('/fhir/R4/Task/') && r.request().method() === 'PUT');
    await closure.getByRole('button', { name: 'Approve' }).click();
    const response = await decided;
    expect(response.status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();

    const task = (await response.json()) as Task;
    expect(task.status).toBe('completed');
    const fhir = await asSupervisor();
    const episode = (await fhir('GET', task.focus?.reference ?? '')).body as EpisodeOfCare;
    expect(episode.status).toBe('finished');
    expect(await approvals.getByRole('listitem').filter({ has: page.locator(`[id="approval-${task.id ?? ''}"]`) }).count()).toBe(0);
  }, 60_000);

  it('declines a duplicate review with the reason given', async () => {
    const { page } = app;
    const review = page.getByRole('region', { name: 'Waiting for your approval' }).getByRole('listitem').filter({ hasText: 'Review a possible duplicate registration' }).first();
    await review.getByRole('button', { name: 'Decline' }).click();
    await review.getByLabel('Why is it declined?').fill('Different people: the fathers’ names differ');
    const decided = page.waitForResponse((r) => r.url().includes('/fhir/R4/Task/') && r.request().method() === 'PUT');
    await review.getByRole('button', { name: 'Decline' }).click();
    const response = await decided;
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'rejected', statusReason: { text: 'Different people: the fathers’ names differ' } });
    await page.getByRole('status').filter({ hasText: 'Declined, with the reason given.' }).waitFor();
    await page.getByText('Nothing is waiting for your approval.').waitFor();
  }, 60_000);

  it('reassigns one of the caseworker’s cases to the psychologist, chosen from the team', async () => {
    const { page } = app;
    const caseload = page.getByRole('region', { name: 'Caseload per worker' });
    await caseload.getByRole('button', { name: 'Cases of Layla Hassan' }).click();
    const first = caseload.locator('.team-case').first();
    const person = (await first.getByRole('link').textContent()) ?? '';
    expect(person).not.toBe('');
    await first.getByRole('button', { name: 'Reassign' }).click();
    const form = first.getByRole('form', { name: 'Reassign the case' });
    await form.getByRole('button', { name: 'Reassign the case' }).click();
    await form.getByText('Choose who takes the case.').waitFor(); // nobody chosen: nothing sent
    await form.getByLabel('Give the case to').selectOption({ label: 'Dilan Ahmed (Psychologist)' });
    await form.getByLabel('Why (kept in the audit trail)').fill('Needs a psychologist for PM+');
    await checkPage(page, 'team-reassign-en');

    const reassigned = page.waitForResponse((r) => r.url().endsWith('/$reassign') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Reassign the case' }).click();
    expect((await reassigned).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'The case now belongs to Dilan Ahmed.' }).waitFor();

    await caseload.getByRole('button', { name: 'Cases of Dilan Ahmed' }).click();
    await caseload.locator('.team-cases').getByRole('link', { name: person }).waitFor();
  }, 60_000);

});
