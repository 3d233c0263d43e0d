import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../support/server.js';
import { registerBeneficiary } from './support/beneficiary.js';
import { useBrowserApp } from './support/browser-app.js';
import { checkPage } from './support/page-checks.js';
import { signIn } from './support/sign-in.js';

// A caseworker runs a group through the real UI, step by step on one page: each test starts where the one
// before ended. Every page visited is checked with axe-core and photographed at 1280 and 390 px.
const app = useBrowserApp();
let caseworker: TestAccount;
let firstId: string;

const FIRST = 'Gulistan Hasan Murad';
const SECOND = 'Shirin Khalaf Elias';
const GROUP = "Women's group, Khanke";

beforeAll(async () => {
  caseworker = await app.server.createAccount({ role: 'caseworker' });
  firstId = await registerBeneficiary(app.server, caseworker, { nameLatin: FIRST, nameArabicScript: 'گولستان حسن مراد', gender: 'female', birthMode: 'estimated-age', estimatedAge: '31', governorate: 'Dahuk' });
  await registerBeneficiary(app.server, caseworker, { nameLatin: SECOND, gender: 'female', birthMode: 'estimated-age', estimatedAge: '45', governorate: 'Dahuk' });
});

const addBySearch = async (page: Page, name: string) => {
  await page.getByLabel('Add a beneficiary who is not a member').fill(name.split(' ')[0]);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: `Add ${name}` }).click();
  await page.getByRole('checkbox', { name }).waitFor();
};

describe('a group activity with an attendance list', () => {
  it('creates a group: a blank form is refused at its fields, then the group opens', async () => {
    const { page } = app;
    await signIn(page, caseworker.username, caseworker.password);
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { name: 'Activity groups', level: 1 }).waitFor();
    await page.getByText('No group yet.').waitFor();
    const form = page.getByRole('form', { name: 'Create the group' });
    await form.getByRole('button', { name: 'Create the group' }).click();
    await page.locator('#group-name-error').getByText('Give the group a name.').waitFor();
    await page.locator('#group-activity-error').waitFor();
    await checkPage(page, 'groups-en');

    await form.getByLabel('Name of the group').fill(GROUP);
    await form.getByLabel('Activity').selectOption('guided-group-discussion');
    await form.getByRole('button', { name: 'Create the group' }).click();
    await page.getByRole('heading', { name: GROUP, level: 1 }).waitFor();
    await page.getByText('No meeting recorded yet.').waitFor();
  });

  it('records a meeting: no date and no attendee are refused, keeping what was typed', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Record a meeting' }).click();
    await page.getByRole('heading', { name: `Record a meeting of ${GROUP}`, level: 1 }).waitFor();
    await page.getByLabel('Topic').fill('Stress and anger management');
    await page.getByLabel('Date').fill('');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await page.locator('#meeting-date-error').getByText('Enter the date of the meeting.').waitFor();
    await page.locator('#meeting-attendees-error').getByText('Tick at least one person who attended.').waitFor();
    expect(await page.getByLabel('Topic').inputValue()).toBe('Stress and anger management');
    await checkPage(page, 'group-meeting-refused-en');

    await page.getByLabel('Date').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await addBySearch(page, FIRST);
    await addBySearch(page, SECOND);
    expect(await page.getByRole('checkbox', { name: FIRST }).isChecked()).toBe(true);
  });

  it("shows the server's refusal (counselling is the clinicians'), then saves the meeting with both attendees", async () => {
    const { page } = app;
    await page.getByLabel('Activity').selectOption('group-counselling');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await page.getByText('The meeting was not saved.').waitFor();
    expect(await page.getByRole('checkbox', { name: SECOND }).isChecked()).toBe(true);
    expect(await page.getByLabel('Topic').inputValue()).toBe('Stress and anger management');

    await page.getByLabel('Activity').selectOption('guided-group-discussion');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await page.getByRole('heading', { name: GROUP, level: 1 }).waitFor();
    const meetings = page.getByRole('region', { name: 'Meetings' });
    await meetings.getByRole('row', { name: /Stress and anger management/ }).getByRole('cell', { name: '2', exact: true }).waitFor();
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('link', { name: FIRST }).waitFor();
    await members.getByRole('link', { name: SECOND }).waitFor();
    await checkPage(page, 'group-en');
  });

  it("the beneficiary's record shows the group meeting attended", async () => {
    const { page } = app;
    await page.getByRole('region', { name: 'Members' }).getByRole('link', { name: FIRST }).click();
    await page.getByRole('heading', { name: FIRST, level: 1 }).waitFor();
    const sessions = page.getByRole('region', { name: 'Timeline' });
    await sessions.getByText(`group meeting of ${GROUP}`).waitFor();
    await sessions.getByText('Guided group discussion').waitFor();
    expect(page.url()).toContain(firstId);
  });

  it('the group pages in Arabic, right to left', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await page.getByRole('region', { name: 'السجل الزمني' }).getByText(`اجتماع مجموعة ${GROUP}`).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await checkPage(page, 'group-patient-record-ar');
    await page.getByRole('link', { name: 'المجموعات' }).click();
    await page.getByRole('heading', { name: 'مجموعات الأنشطة', level: 1 }).waitFor();
    await checkPage(page, 'groups-ar');
    await page.getByRole('link', { name: GROUP }).click();
    await page.getByRole('heading', { name: GROUP, level: 1 }).waitFor();
    await checkPage(page, 'group-ar');
    await page.getByRole('link', { name: 'تسجيل اجتماع' }).click();
    await page.getByRole('button', { name: 'حفظ الاجتماع' }).click();
    await page.locator('#meeting-attendees-error').waitFor();
    await checkPage(page, 'group-meeting-refused-ar');
  });
});
