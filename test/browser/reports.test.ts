import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from './support/browser-app.js';
import { signIn } from './support/sign-in.js';

// The demo programme: its sessions, group activities and partner services give the indicators something to count.
const app = useBrowserApp({ demo: true });
const ARTIFACTS = path.resolve('test/artifacts');

describe('the reporter’s indicator dashboard', () => {
  it('produces the activity figures, marks suppressed cells, and downloads the same table as CSV', async () => {
    const { page } = app;
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'reporter', 'demo');
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.getByRole('rowheader', { name: 'Services (one per attendance)' }).waitFor();
    // the programme's demo figures are small: some cells are withheld, and say so in words
    expect(await page.locator('.suppressed').count()).toBeGreaterThan(0);
    await page.getByLabel('Disaggregate by').selectOption({ label: 'Direct or through partners' });
    await page.getByRole('table', { name: 'Services (one per attendance) by Direct or through partners' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'reports-en-1280.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8').split('\r\n');
    expect(csv[0]).toBe('measure,period_start,period_end,subject,indicator,indicator_display,disaggregation,stratum,stratum_display,count,score,unit,suppressed');
    expect(csv.some((line) => line.includes(',services,') && line.includes(',delivery,'))).toBe(true);
    expect(csv.some((line) => line.endsWith(',true'))).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'reports-en-390.png'), fullPage: true });

    await page.goto('/?lang=ar');
    await page.getByRole('heading', { name: 'التقارير', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'عرض الأرقام' }).click();
    await page.getByRole('rowheader', { name: 'الخدمات (واحدة لكل حضور)' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.screenshot({ path: path.join(ARTIFACTS, 'reports-ar-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'reports-ar-1280.png'), fullPage: true });
  }, 120_000);
});
