import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../../helpers/server.js';

const CLIENT_INDEX = path.resolve(import.meta.dirname, '../../../dist/client/index.html');
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../../test-artifacts');

/** The server serves the built client; these tests drive that build, not a dev server. */
export function requireBuiltClient(): void {
  if (!fs.existsSync(CLIENT_INDEX)) {
    throw new Error(`${CLIENT_INDEX} is missing: run \`npm run build\` before the browser tests`);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile signed in as `username` (the session cookie is set by the API). */
export async function signedInContext(browser: Browser, baseUrl: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const response = await context.request.post('/api/session', { data: { username, password: DEMO_PASSWORD } });
  if (response.status() !== 200) throw new Error(`login ${username}: ${response.status()} ${await response.text()}`);
  return context;
}

/** Opens the report page and waits until every section is connected and synced. */
export async function openReport(context: BrowserContext, reportId: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  await page.goto(`/reports/${reportId}`);
  await page.locator('.connection[data-state="connected"], .connection[data-state="saved"]').waitFor({ timeout: 30_000 });
  return page;
}

/** A signed-in browser profile with the report open in it. */
export interface ReportTab {
  context: BrowserContext;
  page: Page;
}

/** Signs `username` in on a fresh profile and opens the report (connected and synced). */
export async function openReportAs(browser: Browser, baseUrl: string, username: string, reportId: string): Promise<ReportTab> {
  const context = await signedInContext(browser, baseUrl, username);
  return { context, page: await openReport(context, reportId) };
}

/** Puts the caret at the end of a section's text (clicking its last block, never into a table's cells). */
export async function focusSectionEnd(page: Page, sectionKey: string): Promise<void> {
  await page.locator(`[data-section="${sectionKey}"] .section-text > :last-child`).click();
  await page.keyboard.press('Control+End');
}

/** The text of a section as shown, without other people's caret labels or the tables' editing buttons. */
export function shownSectionText(page: Page, sectionKey: string): Promise<string> {
  return page.locator(`[data-section="${sectionKey}"] .section-text`).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, .collaboration-carets__selection, .row-tools, .block-tools')
      .forEach((element) => element.remove());
    return (copy.textContent ?? '').trim();
  });
}

export function connectionState(page: Page): Promise<string | null> {
  return page.locator('.connection').getAttribute('data-state');
}

/** What a browser test file shares: one server, one browser, and one signed-in page. */
export interface SignedInSuite {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * Starts a server and a browser for the file, with `username` signed in on a fresh profile and
 * a page open; both are closed after the file's tests. Fields are set once beforeAll has run.
 */
export function signedInSuite(username: string): SignedInSuite {
  const suite = {} as SignedInSuite;
  beforeAll(async () => {
    requireBuiltClient();
    suite.server = await startTestServer();
    suite.browser = await launchBrowser();
    suite.context = await signedInContext(suite.browser, suite.server.url, username);
    suite.page = await suite.context.newPage();
    suite.page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
