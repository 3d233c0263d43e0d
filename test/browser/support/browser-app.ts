import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer, type TestServerOptions } from '../../support/server.js';
import { launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';

export interface BrowserApp {
  readonly server: TestServer;
  /** the one page a test file drives, reused from test to test */
  readonly page: Page;
}

// Failing fast on a missing element gives a clear error well inside the test's own timeout.
const ELEMENT_TIMEOUT_MS = 10_000;

/**
 * For one test file: the built client served by the real app on an embedded database, one Chromium and
 * one page, all started before the file's tests and closed after them.
 */
export function useBrowserApp(options: TestServerOptions = {}): BrowserApp {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    // Built before the app starts: the app serves client/dist only if it exists when it is created.
    await ensureClientBuilt();
    [server, browser] = await Promise.all([startTestServer(options), launchChromium()]);
    context = await browser.newContext({ baseURL: server.origin, locale: 'en-GB', timezoneId: 'UTC' });
    page = await context.newPage();
    page.setDefaultTimeout(ELEMENT_TIMEOUT_MS);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The browser app starts in beforeAll; use it inside tests');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get page() {
      return started(page);
    },
  };
}
