import path from 'node:path';
import { expect, test } from 'vitest';
import { signedInSuite } from './support/browser.js';

const FIXTURE = path.resolve(import.meta.dirname, '../../server/demo/2024-reference-report.txt');

const suite = signedInSuite('principal');

const tocTitles = () => suite.page.locator('.toc-title').allTextContents();

test('the principal imports a report file, reads the normalisations and opens it', async () => {
  await suite.page.goto('/reports');
  await suite.page.locator('button', { hasText: '导入报告' }).click();
  await suite.page.locator('.modal input[type="file"]').setInputFiles(FIXTURE);
  await suite.page.locator('.modal button[type="submit"]').click();
  await expect.poll(() => suite.page.locator('.normalisations li').allTextContents()).toContain('标题分 2 行书写，已合并为一行');
  await suite.page.locator('.modal button', { hasText: '打开报告' }).click();
  await suite.page.waitForURL(/\/reports\/[A-Za-z0-9_-]+$/);
  await expect.poll(tocTitles).toContain('八、下一步改进措施');
  expect(await suite.page.locator('.paper-title').textContent()).toBe('2024年度株洲市二中南洲学校部门整体支出绩效自评报告');

  // The file began with 「附件4」: the 导出 menu offers it, and the export starts with it unless cleared.
  await suite.page.locator('button', { hasText: '导出' }).click();
  const attachment = suite.page.locator('input[aria-label="附件编号"]');
  expect(await attachment.inputValue()).toBe('4');
  const markdownLink = suite.page.locator('[role="menuitem"]', { hasText: 'Markdown' });
  const download = (href: string) => suite.page.evaluate((url) => fetch(url).then((r) => r.text()), href);
  expect(await download((await markdownLink.getAttribute('href'))!)).toMatch(/^附件4$/m);
  await attachment.fill('');
  expect(await download((await markdownLink.getAttribute('href'))!)).not.toMatch(/^附件4$/m);
});

test('新建报告 from last year: figures cleared, carried figures flagged until checked', async () => {
  await suite.page.goto('/reports');
  await suite.page.locator('button', { hasText: '新建报告' }).click();
  await suite.page.locator('.modal input[name="year"]').fill('2025');
  await suite.page.locator('.modal input[type="radio"]').first().check();
  await suite.page.locator('.modal button[type="submit"]').click();
  await suite.page.waitForURL(/\/reports\/[A-Za-z0-9_-]+$/);
  await suite.page.locator('.connection[data-state="connected"]').waitFor({ timeout: 30_000 });
  expect(await suite.page.locator('.paper-title').textContent()).toBe('2025年度株洲市二中南洲学校部门整体支出绩效自评报告');

  const budget = suite.page.locator('[data-section="general-budget"]');
  expect(await budget.locator('input[aria-label="基本支出全年执行数"]').inputValue()).toBe('');
  await expect.poll(() => budget.locator('.carry-over-notice').textContent()).toContain('「769.78万元」');
  const carried = '「一般公共预算支出情况」沿用2024年度报告，正文中的「769.78万元」尚未更新，请核对';
  await expect.poll(() => suite.page.locator('.check-message').allTextContents()).toContain(carried);

  await budget.locator('.carry-over-notice button', { hasText: '已核对' }).click();
  await expect.poll(() => budget.locator('.carry-over-notice').count()).toBe(0);
  await expect.poll(() => suite.page.locator('.check-message').allTextContents()).not.toContain(carried);
});

test('管理部分: rename, reorder and add; the numbers follow the order', async () => {
  await suite.page.locator('button', { hasText: '管理部分' }).click();
  const dialog = suite.page.locator('.modal');
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
  await expect.poll(() => suite.page.locator('.section-heading').last().textContent()).toBe('九、自评结果拟应用和公开情况');

  // The report's own title: another report's title is refused in place, a new one shows at once.
  await suite.page.locator('button', { hasText: '管理部分' }).click();
  const reportTitle = dialog.locator('input.manager-report-title');
  await reportTitle.fill('2024年度株洲市二中南洲学校部门整体支出绩效自评报告');
  await reportTitle.press('Enter');
  await expect.poll(() => dialog.locator('.form-error').textContent()).toBe('已有同名报告「2024年度株洲市二中南洲学校部门整体支出绩效自评报告」，请换一个标题');
  await reportTitle.fill('2025年度株洲市二中南洲学校部门整体支出绩效自评报告（修订稿）');
  await reportTitle.press('Enter');
  await expect.poll(() => suite.page.locator('.paper-title').textContent()).toBe('2025年度株洲市二中南洲学校部门整体支出绩效自评报告（修订稿）');
  await dialog.locator('button', { hasText: '关闭' }).click();
  await suite.context.close();
});
