/**
 * Editor benchmark (`npm run bench:editor`): opens the demo report and a synthetic ~100-page
 * report in headless Chromium and prints, per report:
 * - time to interactive: navigation start → every section rendered, synced and connected;
 * - input handling: a character's `beforeinput` → the end of the task that applied it (editor,
 *   Yjs binding, save tracking);
 * - input latency: a character's `beforeinput` → the next frame after the editor applied it.
 * Needs the built client (`npm run build`). Figures only: nothing here passes or fails.
 */
import type { Browser, Page } from 'playwright-core';
import { demoReport, login } from '../tests/helpers/clients.js';
import { startTestServer, type TestServer } from '../tests/helpers/server.js';
import { focusSectionEnd, launchBrowser, requireBuiltClient, signedInContext } from '../tests/e2e/support/browser.js';
import { CHARS_PER_PAGE, createSyntheticReport } from '../tests/e2e/support/synthetic-report.js';

let server: TestServer;
let browser: Browser;

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

async function main() {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
  try {
    const token = (await login(server.url, 'zonghe')).token;
    const demo = await measure((await demoReport(server.url, token)).id, 'basic-info');
    const synthetic = await createSyntheticReport(server, 100);
    const long = await measure(synthetic.id, 'basic-info');
    const row = (name: string, m: Measurement) =>
      `| ${name} | ${m.timeToInteractiveMs} ms | ${m.inputHandlingMs.median} / ${m.inputHandlingMs.p95} ms | ${m.inputLatencyMs.median} / ${m.inputLatencyMs.p95} ms |`;
    console.log(`editor benchmark, ${new Date().toISOString().slice(0, 10)}, command: npm run bench:editor`);
    console.log('| report | time to interactive | input handling median / p95 | input latency median / p95 |');
    console.log('|---|---|---|---|');
    console.log(row('2024 demo report', demo));
    console.log(row(`synthetic, ${Math.round(synthetic.chars / CHARS_PER_PAGE)} pages (${synthetic.chars} chars)`, long));
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
