import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoReport, login } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ARTIFACTS_DIR, focusSectionEnd, launchBrowser, requireBuiltClient, signedInContext } from './support/browser.js';
import { CHARS_PER_PAGE, createSyntheticReport } from './support/synthetic-report.js';

/**
 * Opens the demo report and a synthetic ~100-page report and measures, in the page:
 * - time to interactive: navigation start → every section rendered, synced and connected;
 * - input handling: a character's `beforeinput` → the end of the task that applied it (editor,
 *   Yjs binding, save tracking);
 * - input latency: a character's `beforeinput` → the next frame after the editor applied it.
 * Numbers go to the log and to test-artifacts/editor-performance.json; bounds are generous so
 * only a real regression (not a busy CI core) fails.
 */

let server: TestServer;
let browser: Browser;
const results: Record<string, unknown> = {};

beforeAll(async () => {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-performance.json'), `${JSON.stringify(results, null, 2)}\n`);
  await browser?.close();
  await server?.close();
});

interface Measurement {
  timeToInteractiveMs: number;
  inputHandlingMs: { median: number; p95: number; max: number };
  inputLatencyMs: { median: number; p95: number; max: number };
  shownChars: number;
}

async function measure(reportId: string, sectionKey: string): Promise<Measurement> {
  const context = await signedInContext(browser, server.url, 'zonghe');
  const page = await context.newPage();
  await page.goto(`/reports/${reportId}`);
  await page.locator('.connection[data-state="connected"]').waitFor({ timeout: 20_000 });
  const timeToInteractiveMs = await page.evaluate(() => performance.now());
  const shownChars = await page.locator('.paper').evaluate((paper) => (paper.textContent ?? '').length);

  await focusSectionEnd(page, sectionKey);
  await installLatencyProbe(page);
  const typed = [...'学校严格执行预算管理制度确保资金安全规范高效使用全年支出绩效良好'];
  for (const [index, char] of typed.entries()) {
    await page.keyboard.insertText(char);
    await page.waitForFunction((count) => (window as unknown as { latencies: number[] }).latencies.length >= count, index + 1);
  }
  const { latencies, handling } = await page.evaluate(() => {
    const w = window as unknown as { latencies: number[]; handling: number[] };
    return { latencies: w.latencies, handling: w.handling };
  });
  await context.close();
  return {
    timeToInteractiveMs: Math.round(timeToInteractiveMs),
    inputHandlingMs: summarize(handling),
    inputLatencyMs: summarize(latencies),
    shownChars,
  };
}

function installLatencyProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { latencies: number[]; handling: number[] };
    w.latencies = [];
    w.handling = [];
    document.addEventListener('beforeinput', () => {
      const start = performance.now();
      setTimeout(() => w.handling.push(performance.now() - start), 0);
      requestAnimationFrame(() => setTimeout(() => w.latencies.push(performance.now() - start), 0));
    }, true);
  });
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return { median: at(0.5), p95: at(0.95), max: at(1) };
}

test('the demo report opens quickly and typing is immediate', async () => {
  const token = (await login(server.url, 'zonghe')).token;
  const report = await demoReport(server.url, token);
  const measured = await measure(report.id, 'basic-info');
  results.demoReport = measured;
  console.log('[perf] demo report', JSON.stringify(measured));
  expect(measured.timeToInteractiveMs).toBeLessThan(10_000);
  expect(measured.inputLatencyMs.p95).toBeLessThan(200);
});

test('a 100-page report stays smooth to type in', async () => {
  const synthetic = await createSyntheticReport(server, 100);
  const measured = await measure(synthetic.id, 'basic-info');
  results.syntheticReport = { pages: Math.round(synthetic.chars / CHARS_PER_PAGE), chars: synthetic.chars, ...measured };
  console.log('[perf] 100-page report', JSON.stringify(results.syntheticReport));
  expect(measured.shownChars).toBeGreaterThan(synthetic.chars);
  expect(measured.timeToInteractiveMs).toBeLessThan(15_000);
  expect(measured.inputLatencyMs.p95).toBeLessThan(250);
});
