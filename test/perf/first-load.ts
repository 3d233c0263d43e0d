/**
 * First load on a poor connection: `npm run measure:load`. Builds the client if it is older than its
 * sources, starts the real server (embedded database in a temporary DATA_DIR, demo mode, a free port) and
 * drives Debian's Chromium through it with the network throttled by the DevTools protocol, the cache off:
 * how long until the sign-in page can be used, how long from pressing "Sign in" until the caseload is shown,
 * and the bytes sent. Prints a Markdown table. `--runs N` (default 3) loads the page N times, each in a
 * fresh browser context, and reports the median.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import type { BrowserContext, CDPSession } from 'playwright-core';
import { z } from 'zod';
import { launchChromium } from '../browser/support/chromium.js';
import { ensureClientBuilt } from '../browser/support/client-build.js';
import { startServer } from '../bench/server-process.js';

const flags = z
  .object({ runs: z.coerce.number().int().min(1).max(20).default(3) })
  .parse(parseArgs({ options: { runs: { type: 'string' } } }).values);

/** The poor connection: 400 kbit/s both ways, 400 ms added to every request. */
const THROTTLE = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const TARGET_MS = 3000;
const dist = path.resolve(import.meta.dirname, '../../client/dist');

interface Run {
  signInMs: number;
  signInBytes: number;
  caseloadMs: number;
  caseloadBytes: number;
  /** bytes of JavaScript received for the sign-in page, as sent (compressed or not) */
  initialJsSent: number;
}

/** Bytes received over the network, counted from the DevTools protocol (headers and bodies, as sent). */
async function countBytes(cdp: CDPSession): Promise<{ total: () => number; javascript: () => number }> {
  const scripts = new Set<string>();
  let total = 0;
  let javascript = 0;
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scripts.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    total += event.encodedDataLength;
    if (scripts.has(event.requestId)) javascript += event.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return { total: () => total, javascript: () => javascript };
}

async function measureOnce(context: BrowserContext, origin: string): Promise<Run> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const bytes = await countBytes(cdp);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);

  const navigated = Date.now();
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  const username = page.getByLabel('Username');
  await username.waitFor({ state: 'visible', timeout: 60_000 });
  while (!(await username.isEnabled())) await page.waitForTimeout(20); // bounded by the waitFor below timing out
  const signInMs = Date.now() - navigated;
  const signInBytes = bytes.total();
  const initialJsSent = bytes.javascript();

  await username.fill('caseworker');
  await page.getByLabel('Password').fill('demo');
  // A person takes seconds to type: what the page fetches meanwhile (the other pages' code) is done by then.
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
  const typed = bytes.total();
  const pressed = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table').first().waitFor({ state: 'visible', timeout: 60_000 });
  const caseloadMs = Date.now() - pressed;
  const caseloadBytes = bytes.total() - typed;
  await page.close();
  return { signInMs, signInBytes, caseloadMs, caseloadBytes, initialJsSent };
}

/** The scripts index.html loads before anything shows: its module entry and the chunks it preloads. */
function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => path.join(dist, match[1]));
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (value: number): string => `${(value / 1024).toFixed(1)} KB`;
const seconds = (value: number): string => `${(value / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  await ensureClientBuilt();
  const server = await startServer(undefined, { env: { DEMO_MODE: 'true' }, readyWithinMs: 300_000 });
  const browser = await launchChromium();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < flags.runs; i++) {
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
      runs.push(await measureOnce(context, server.origin));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const files = initialScripts();
  const scripts = files.map((file) => fs.readFileSync(file));
  const raw = scripts.reduce((sum, script) => sum + script.length, 0);
  const gzip = scripts.reduce((sum, script) => sum + zlib.gzipSync(script).length, 0);
  // the build's brotli copies, sent to browsers that offer brotli (Chromium does so over HTTPS only)
  const brotli = files.reduce((sum, file) => sum + (fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : Number.NaN), 0);
  const of = (key: keyof Run): number => median(runs.map((run) => run[key]));
  const met = (value: number): string => (value < TARGET_MS ? 'yes' : 'NO');
  console.log(`\nFirst load, Chromium throttled to 400 kbit/s and 400 ms latency, cache disabled; median of ${runs.length}\n`);
  console.log('| measure | value | target | met? |');
  console.log('|---|---|---|---|');
  console.log(`| sign-in page usable after navigation | ${seconds(of('signInMs'))} | < 3 s | ${met(of('signInMs'))} |`);
  console.log(`| caseload shown after "Sign in" (caseworker) | ${seconds(of('caseloadMs'))} | < 3 s | ${met(of('caseloadMs'))} |`);
  console.log(`| bytes received for the sign-in page | ${kb(of('signInBytes'))} | | |`);
  console.log(`| bytes received from "Sign in" to the caseload | ${kb(of('caseloadBytes'))} | | |`);
  console.log(`| initial JavaScript (${scripts.length} files) raw / gzip / brotli | ${kb(raw)} / ${kb(gzip)} / ${kb(brotli)} | | |`);
  console.log(`| initial JavaScript as received (over HTTP) | ${kb(of('initialJsSent'))} | | |`);
}

await main();
