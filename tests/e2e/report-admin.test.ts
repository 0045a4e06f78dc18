import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, requireBuiltClient, signedInContext } from './support/browser.js';

const FIXTURE = path.resolve(import.meta.dirname, '../../server/demo/2024-reference-report.txt');

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
  context = await signedInContext(browser, server.url, 'principal');
  page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const tocTitles = () => page.locator('.toc-title').allTextContents();

test('the principal imports a report file, reads the normalisations and opens it', async () => {
  await page.goto('/reports');
  await page.locator('button', { hasText: '导入报告' }).click();
  await page.locator('.modal input[type="file"]').setInputFiles(FIXTURE);
  await page.locator('.modal button[type="submit"]').click();
  await expect.poll(() => page.locator('.normalisations li').allTextContents()).toContain('标题分 2 行书写，已合并为一行');
  await page.locator('.modal button', { hasText: '打开报告' }).click();
  await page.waitForURL(/\/reports\/[A-Za-z0-9_-]+$/);
  await expect.poll(tocTitles).toContain('八、下一步改进措施');
  expect(await page.locator('.paper-title').textContent()).toBe('2024年度株洲市二中南洲学校部门整体支出绩效自评报告');
});

test('新建报告 from last year: figures cleared, carried figures flagged until checked', async () => {
  await page.goto('/reports');
  await page.locator('button', { hasText: '新建报告' }).click();
  await page.locator('.modal input[name="year"]').fill('2025');
  await page.locator('.modal input[type="radio"]').first().check();
  await page.locator('.modal button[type="submit"]').click();
  await page.waitForURL(/\/reports\/[A-Za-z0-9_-]+$/);
  await page.locator('.connection[data-state="connected"]').waitFor({ timeout: 30_000 });
  expect(await page.locator('.paper-title').textContent()).toBe('2025年度株洲市二中南洲学校部门整体支出绩效自评报告');

  const budget = page.locator('[data-section="general-budget"]');
  expect(await budget.locator('input[aria-label="基本支出全年执行数"]').inputValue()).toBe('');
  await expect.poll(() => budget.locator('.carry-over-notice').textContent()).toContain('「769.78万元」');
  const carried = '「一般公共预算支出情况」沿用2024年度报告，正文中的「769.78万元」尚未更新，请核对';
  await expect.poll(() => page.locator('.check-message').allTextContents()).toContain(carried);

  await budget.locator('.carry-over-notice button', { hasText: '已核对' }).click();
  await expect.poll(() => budget.locator('.carry-over-notice').count()).toBe(0);
  await expect.poll(() => page.locator('.check-message').allTextContents()).not.toContain(carried);
});

test('管理部分: rename, reorder and add; the numbers follow the order', async () => {
  await page.locator('button', { hasText: '管理部分' }).click();
  const dialog = page.locator('.modal');
  const title = dialog.locator('input[aria-label="第六部分标题"]');
  await title.fill('部门整体支出绩效情况');
  await title.press('Enter');
  await expect.poll(tocTitles).toContain('六、部门整体支出绩效情况');

  await dialog.locator('tr[data-key="improvements"] button[aria-label="上移"]').click();
  await expect.poll(tocTitles).toEqual(expect.arrayContaining(['七、下一步改进措施', '八、存在的问题及原因分析']));

  await dialog.locator('input[aria-label="新部分标题"]').fill('自评结果拟应用和公开情况');
  await dialog.locator('button', { hasText: '添加到末尾' }).click();
  await expect.poll(tocTitles).toContain('九、自评结果拟应用和公开情况');
  await dialog.locator('button', { hasText: '关闭' }).click();
  await expect.poll(() => page.locator('.section-heading').last().textContent()).toBe('九、自评结果拟应用和公开情况');
  await context.close();
});
