import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { login } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { focusSectionEnd, launchBrowser, requireBuiltClient, shownSectionText, signedInContext } from './support/browser.js';
import { createSyntheticReport } from './support/synthetic-report.js';
import { storedSectionText } from './support/stored-section.js';

// Speed is measured by `npm run bench:editor`; this checks that a long report works at all.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a 100-page report opens with all its text and accepts typing', async () => {
  const synthetic = await createSyntheticReport(server, 100);
  const context = await signedInContext(browser, server.url, 'zonghe');
  const page = await context.newPage();
  await page.goto(`/reports/${synthetic.id}`);
  await page.locator('.connection[data-state="connected"]').waitFor({ timeout: 20_000 });
  const shown = await page.locator('.paper').evaluate((paper) => (paper.textContent ?? '').length);
  expect(shown).toBeGreaterThan(synthetic.chars);

  await focusSectionEnd(page, 'basic-info');
  await page.keyboard.insertText('长报告末尾追加的一句话。');
  await expect.poll(() => shownSectionText(page, 'basic-info')).toContain('长报告末尾追加的一句话。');
  const token = (await login(server.url, 'principal')).token;
  await expect.poll(() => storedSectionText(server.collabUrl, token, synthetic.id, 'basic-info'), { timeout: 10_000 }).toContain('长报告末尾追加的一句话。');
  await context.close();
});
