import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { budgetTableFromNode } from '../../shared/editor/budgetNodes.js';
import { demoReport, login, storedDoc } from '../helpers/clients.js';
import { contentOf } from '../helpers/reportAdmin.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ARTIFACTS_DIR, focusSectionEnd, launchBrowser, openReport, requireBuiltClient, signedInContext } from './support/browser.js';

// houqin (后勤服务部) owns the four budget sections; 政府性基金预算 starts with just 「无」.
let server: TestServer;
let browser: Browser;
let reportId: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
  reportId = (await demoReport(server.url, (await login(server.url, 'houqin')).token)).id;
  context = await signedInContext(browser, server.url, 'houqin');
  page = await openReport(context, reportId);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const section = () => page.locator('[data-section="fund-budget"]');
const table = () => section().locator('.budget-block');
const cell = (label: string) => table().locator(`input[aria-label="${label}"]`);
const checkMessages = () => page.locator('.checks-panel .check-message').allTextContents();
const LOW_RATE = '政府性基金预算表「基本支出」执行率80.00%，低于90%，需要说明原因';

async function storedFundTable() {
  const doc = await storedDoc(server.server.store.documents, reportId, 'fund-budget');
  const node = contentOf(doc).content!.find((block) => block.type === 'budgetTable');
  return node && budgetTableFromNode(node);
}

test('the seeded report opens with its tables and a clean 检查 panel', async () => {
  await page.locator('[data-section="general-budget"] .budget-block').waitFor();
  // The total comes first under the same name as in the exported table, its lines beneath it.
  const firstRow = page.locator('[data-section="general-budget"] .budget-table tbody tr').first();
  expect(await firstRow.getAttribute('class')).toBe('total-row');
  expect(await firstRow.locator('th').textContent()).toBe('一般公共预算支出');
  expect(await firstRow.textContent()).toContain('769.78');
  await page.locator('[data-section="general-budget"] .budget-block').screenshot({ path: path.join(ARTIFACTS_DIR, 'budget-table-seeded.png') });
  await expect.poll(() => page.locator('.checks-summary').textContent()).toBe('未发现问题');
  // Another department's 自评表 is read-only for houqin.
  const evaluation = page.locator('[data-section="performance"] .budget-block');
  expect(await evaluation.locator('.budget-title').textContent()).toBe('部门整体支出绩效自评表');
  expect(await evaluation.locator('input').first().getAttribute('readonly')).not.toBeNull();
  expect(await evaluation.locator('.block-tools').count()).toBe(0);
  await evaluation.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'self-evaluation-table.png'), fullPage: false });
});

test('houqin inserts a budget table, types figures, sees 执行率 and a check appear and disappear', async () => {
  await focusSectionEnd(page, 'fund-budget');
  await page.locator('select[aria-label="预算表类型"]').selectOption('government-fund');
  await page.locator('button', { hasText: '插入预算表' }).click();
  await table().waitFor();
  expect(await table().locator('.budget-title').textContent()).toBe('政府性基金预算支出情况表');
  expect(await table().locator('thead th').allTextContents()).toEqual(['项目', '年初预算数', '全年预算数', '全年执行数', '执行率']);

  await cell('基本支出年初预算数').fill('100');
  await cell('基本支出全年预算数').fill('100.00');
  await cell('基本支出全年执行数').fill('80');
  const basicRow = table().locator('tbody tr[data-row-id]').first();
  await expect.poll(() => basicRow.locator('.rate-cell').textContent()).toBe('80.00%');
  await expect.poll(checkMessages).toContain(LOW_RATE);
  expect(await basicRow.locator('.rate-cell').getAttribute('class')).toContain('has-error');

  // Invalid input stays as typed, flagged in place with the reason.
  await cell('项目支出全年预算数').fill('12a');
  const invalid = table().locator('td.is-invalid');
  await expect.poll(() => invalid.locator('.cell-message').textContent()).toBe('请输入数字');
  expect(await cell('项目支出全年预算数').inputValue()).toBe('12a');
  await expect.poll(checkMessages).toContain('政府性基金预算表「项目支出」全年预算数：请输入数字');
  await table().evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'budget-table.png'), fullPage: false });
  await cell('项目支出全年预算数').fill('');

  await section().locator('.budget-block').scrollIntoViewIfNeeded();
  await cell('基本支出全年执行数').fill('95');
  await expect.poll(() => basicRow.locator('.rate-cell').textContent()).toBe('95.00%');
  await expect.poll(checkMessages).not.toContain(LOW_RATE);
  await expect.poll(() => table().locator('.total-row').textContent()).toContain('95.00%');

  // What the table shows is what the server stored.
  await expect.poll(async () => (await storedFundTable())?.rows[0]?.values).toEqual({ initialBudget: '100', fullYearBudget: '100.00', fullYearActual: '95' });
  await context.close();
});
