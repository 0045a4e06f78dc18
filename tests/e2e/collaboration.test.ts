import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoReport, login } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  ARTIFACTS_DIR, focusSectionEnd, launchBrowser, openReportAs, type ReportTab, requireBuiltClient, shownSectionText,
} from './support/browser.js';
import { storedSectionText } from './support/stored-section.js';

// zonghe (综合事务部) owns basic-info; jiaoxue (教学教研部) owns performance.
let server: TestServer;
let browser: Browser;
let reportId: string;
let adminToken: string;
let zonghe: ReportTab;
let jiaoxue: ReportTab;

const stored = (sectionKey: string) => storedSectionText(server.collabUrl, adminToken, reportId, sectionKey);

beforeAll(async () => {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
  adminToken = (await login(server.url, 'principal')).token;
  reportId = (await demoReport(server.url, adminToken)).id;
  zonghe = await openReportAs(browser, server.url, 'zonghe', reportId);
  jiaoxue = await openReportAs(browser, server.url, 'jiaoxue', reportId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ZONGHE_TEXT = ['学校现有教职工一百二十八人，', '其中专任教师一百零六人。'];
const JIAOXUE_TEXT = ['全年完成校本课程开发十二门，', '教学质量稳步提升。'];
// The sections start with the imported reference report; typing appends to their last paragraph.
const before = { shown: { basic: '', performance: '' }, stored: { basic: '', performance: '' } };
const basicInfo = () => before.shown.basic + ZONGHE_TEXT.join('');
const performance = () => before.shown.performance + JIAOXUE_TEXT.join('');

test('two departments type Chinese at the same time and see each other’s text and caret', async () => {
  before.shown = { basic: await shownSectionText(zonghe.page, 'basic-info'), performance: await shownSectionText(zonghe.page, 'performance') };
  before.stored = { basic: await stored('basic-info'), performance: await stored('performance') };
  expect(before.shown.basic).toContain('以面向全体学生');
  expect(before.stored.performance).toContain('项目支出绩效情况');
  await focusSectionEnd(zonghe.page, 'basic-info');
  await focusSectionEnd(jiaoxue.page, 'performance');
  for (let i = 0; i < ZONGHE_TEXT.length; i++) {
    await Promise.all([
      zonghe.page.keyboard.insertText(ZONGHE_TEXT[i]!),
      jiaoxue.page.keyboard.insertText(JIAOXUE_TEXT[i]!),
    ]);
  }

  await expect.poll(() => shownSectionText(jiaoxue.page, 'basic-info'), { timeout: 5000 }).toBe(basicInfo());
  await expect.poll(() => shownSectionText(zonghe.page, 'performance'), { timeout: 5000 }).toBe(performance());

  // Each sees the other's caret, labelled with the name the server stamped.
  await expect.poll(() => jiaoxue.page.locator('[data-section="basic-info"] .collaboration-carets__label').allTextContents(),
    { timeout: 5000 }).toEqual(['综合事务部']);
  await expect.poll(() => zonghe.page.locator('[data-section="performance"] .collaboration-carets__label').allTextContents(),
    { timeout: 5000 }).toEqual(['教学教研部']);

  // Presence: both people are listed, and the outline shows who is in which section.
  await expect.poll(() => zonghe.page.locator('.presence-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-user'))))
    .toEqual(expect.arrayContaining(['综合事务部', '教学教研部']));
  await expect.poll(() => zonghe.page.locator('.toc-item', { hasText: '资金使用及绩效情况' }).textContent()).toContain('教学教研部');

  expect(await stored('basic-info')).toBe(before.stored.basic + ZONGHE_TEXT.join(''));
  expect(await stored('performance')).toBe(before.stored.performance + JIAOXUE_TEXT.join(''));
  await expect.poll(() => zonghe.page.locator('.connection').getAttribute('data-state')).toBe('saved');
});

test('jiaoxue cannot type into the 综合事务部 section', async () => {
  const section = jiaoxue.page.locator('[data-section="basic-info"]');
  await expect.poll(() => section.locator('.badge-readonly').textContent()).toBe('只读 · 综合事务部负责');
  expect(await section.locator('.section-text').getAttribute('contenteditable')).toBe('false');

  await section.locator('.section-text').click();
  await jiaoxue.page.keyboard.insertText('不应出现的文字');
  await jiaoxue.page.keyboard.press('Backspace');
  await jiaoxue.page.keyboard.press('Control+a');
  await jiaoxue.page.keyboard.press('Delete');

  // Give a stray edit time to travel, then check the screen, the other browser and the store.
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(await shownSectionText(jiaoxue.page, 'basic-info')).toBe(basicInfo());
  expect(await shownSectionText(zonghe.page, 'basic-info')).toBe(basicInfo());
  expect(await stored('basic-info')).toBe(before.stored.basic + ZONGHE_TEXT.join(''));
});

test('the toolbar follows the reader into a read-only section and never acts on the section left behind', async () => {
  const { page } = jiaoxue;
  const toolbar = page.locator('.toolbar');
  const headingTool = toolbar.getByRole('button', { name: '（一）标题' });
  await focusSectionEnd(page, 'performance');
  await expect.poll(() => toolbar.locator('.toolbar-context').textContent()).toMatch(/^正在编辑：.*资金使用及绩效情况/);
  expect(await headingTool.isEnabled()).toBe(true);

  // A read-only editor takes no focus; the toolbar must still notice the reader moved.
  await page.locator('[data-section="basic-info"] .section-text > :first-child').click();
  await expect.poll(() => toolbar.locator('.toolbar-context').textContent()).toMatch(/基本情况（只读）$/);
  expect(await headingTool.isEnabled()).toBe(false);
  expect(await toolbar.getByRole('button', { name: '插入预算表' }).isEnabled()).toBe(false);
});

test('a reload shows the same content, loaded from the server', async () => {
  await jiaoxue.page.reload();
  await jiaoxue.page.locator('.connection[data-state="connected"]').waitFor({ timeout: 30_000 });
  expect(await shownSectionText(jiaoxue.page, 'basic-info')).toBe(basicInfo());
  expect(await shownSectionText(jiaoxue.page, 'performance')).toBe(performance());

  // A brand-new profile has no local copy: whatever it shows came from the server.
  const fresh = await openReportAs(browser, server.url, 'xuesheng', reportId);
  expect(await shownSectionText(fresh.page, 'basic-info')).toBe(basicInfo());
  expect(await shownSectionText(fresh.page, 'performance')).toBe(performance());
  await fresh.context.close();
});

test('the report page looks like a finished document (screenshot)', async () => {
  await focusSectionEnd(zonghe.page, 'basic-info');
  await zonghe.page.keyboard.press('Enter');
  await zonghe.page.keyboard.press('Control+Alt+3');
  await zonghe.page.keyboard.insertText('机构设置');
  await zonghe.page.keyboard.press('Enter');
  await zonghe.page.keyboard.insertText('学校内设综合事务部、学生发展部、教学教研部、后勤服务部四个部门。');
  await zonghe.page.keyboard.press('Enter');
  await zonghe.page.keyboard.press('Control+Alt+4');
  await zonghe.page.keyboard.insertText('人员情况');
  // Headings carry only their words; the numbers come from the level.
  await expect.poll(() => zonghe.page.locator('[data-section="basic-info"] h3').last().textContent()).toBe('机构设置');
  await focusSectionEnd(jiaoxue.page, 'performance');
  await zonghe.page.locator('[data-section="performance"] .collaboration-carets__label').waitFor();
  await zonghe.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'report-page.png'), fullPage: true });
  // The long title breaks into even lines, not a full line and a lone 「告」.
  const titleLineWidths = await zonghe.page.locator('.paper-title').evaluate((title) => {
    const range = document.createRange();
    range.selectNodeContents(title.firstChild!);
    return [...range.getClientRects()].map((rect) => rect.width);
  });
  expect(titleLineWidths.length).toBe(2);
  expect(Math.min(...titleLineWidths) / Math.max(...titleLineWidths)).toBeGreaterThan(0.8);
});
