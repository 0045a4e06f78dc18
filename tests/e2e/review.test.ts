import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoReport, login } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  ARTIFACTS_DIR, launchBrowser, openReportAs, type ReportTab, requireBuiltClient, shownSectionText,
} from './support/browser.js';

// The principal reviews; zonghe (综合事务部) owns basic-info. Each has their own browser context.
let server: TestServer;
let browser: Browser;
let reportId: string;
let principal: ReportTab;
let zonghe: ReportTab;

beforeAll(async () => {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
  reportId = (await demoReport(server.url, (await login(server.url, 'principal')).token)).id;
  principal = await openReportAs(browser, server.url, 'principal', reportId);
  zonghe = await openReportAs(browser, server.url, 'zonghe', reportId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const QUOTE = '在编教师58人';
const section = (page: Page, key = 'basic-info') => page.locator(`[data-section="${key}"]`);
const card = (page: Page, threadId: string) => page.locator(`.review-margin .thread[data-thread-id="${threadId}"]`);

/** Selects `text` inside a section's text by dragging the mouse across it, as a reader would. */
async function selectText(page: Page, sectionKey: string, text: string): Promise<void> {
  const ends = await page.locator(`[data-section="${sectionKey}"] .section-text`).evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(wanted);
      if (at < 0) continue;
      const box = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect();
      };
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const first = box(at);
      const last = box(at + wanted.length - 1);
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    throw new Error(`text not found: ${wanted}`);
  }, text);
  await page.mouse.move(ends.x1, ends.y1);
  await page.mouse.down();
  await page.mouse.move((ends.x1 + ends.x2) / 2, (ends.y1 + ends.y2) / 2, { steps: 4 });
  await page.mouse.move(ends.x2, ends.y2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => String(window.getSelection()))).toBe(text);
}

/** The vertical distance between a thread's card in the margin and its highlighted text, and whether the card is right of the paper. */
async function placement(page: Page, threadId: string) {
  return page.evaluate((id) => {
    const anchor = document.querySelector(`.comment-anchor[data-thread-id="${id}"]`)!.getBoundingClientRect();
    const cardBox = document.querySelector(`.review-margin .thread[data-thread-id="${id}"]`)!.getBoundingClientRect();
    const paper = document.querySelector('.paper')!.getBoundingClientRect();
    return { offset: Math.abs(cardBox.top - anchor.top), besidePaper: cardBox.left >= paper.right, width: cardBox.width };
  }, threadId);
}

let threadId: string;

test('the principal comments on selected text; zonghe sees the highlight and thread live and replies', async () => {
  const { page } = principal;
  await selectText(page, 'basic-info', QUOTE);
  await page.locator('.comment-add').click();
  const draft = page.locator('.thread-draft');
  await expect.poll(() => draft.locator('.thread-quote').textContent()).toBe(QUOTE);
  await draft.locator('.composer-input').fill('请核实在编教师人数，与人员表一致吗？@综合事务部');
  await draft.locator('button', { hasText: /^评论$/ }).click();

  const created = page.locator('.review-margin .thread[data-state="open"]');
  await created.waitFor();
  threadId = (await created.getAttribute('data-thread-id'))!;
  // The server applies the anchor in the room: the highlight arrives through the section's document.
  await expect.poll(() => section(page).locator(`.comment-anchor[data-thread-id="${threadId}"]`).textContent()).toBe(QUOTE);

  // zonghe, without reloading: the highlight, the thread beside it, and 需要我处理 counts it.
  await expect.poll(() => section(zonghe.page).locator(`.comment-anchor[data-thread-id="${threadId}"]`).textContent(), { timeout: 5000 }).toBe(QUOTE);
  await expect.poll(() => card(zonghe.page, threadId).textContent(), { timeout: 5000 }).toContain('请核实在编教师人数');
  await expect.poll(() => card(zonghe.page, threadId).locator('.mention').textContent()).toBe('@综合事务部');
  await expect.poll(() => zonghe.page.locator('.review-bar-actions .inbox-count').textContent(), { timeout: 5000 }).toBe('1');
  const placed = await placement(zonghe.page, threadId);
  expect(placed.besidePaper).toBe(true);
  expect(placed.offset).toBeLessThan(24);

  // zonghe opens the thread (clicking the highlighted text) and replies.
  await section(zonghe.page).locator(`.comment-anchor[data-thread-id="${threadId}"]`).click();
  await expect.poll(() => card(zonghe.page, threadId).getAttribute('class')).toContain('is-active');
  await card(zonghe.page, threadId).locator('.composer-input').fill('已核实，58人与人员表一致。');
  await card(zonghe.page, threadId).locator('button', { hasText: /^回复$/ }).click();
  await expect.poll(() => card(zonghe.page, threadId).locator('.comment').count()).toBe(2);

  // The principal sees the reply arrive live.
  await expect.poll(() => card(page, threadId).locator('.comment-body').allTextContents(), { timeout: 5000 })
    .toEqual(['请核实在编教师人数，与人员表一致吗？@综合事务部', '已核实，58人与人员表一致。']);

  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await zonghe.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'review.png') });
});

test('the principal resolves the thread; zonghe sees it resolved and the highlight fade', async () => {
  const { page } = principal;
  await card(page, threadId).locator('.thread-resolve').click();
  await expect.poll(() => card(page, threadId).getAttribute('data-state')).toBe('resolved');

  await expect.poll(() => card(zonghe.page, threadId).getAttribute('data-state'), { timeout: 5000 }).toBe('resolved');
  await expect.poll(() => card(zonghe.page, threadId).textContent()).toContain('已解决');
  // Once zonghe clicks elsewhere in the text (closing the thread), the resolved highlight no longer shows.
  await section(zonghe.page, 'performance').locator('.section-text p').first().click();
  await expect.poll(() => card(zonghe.page, threadId).getAttribute('class')).not.toContain('is-active');
  await expect.poll(() => section(zonghe.page).locator(`.comment-anchor[data-thread-id="${threadId}"]`)
    .evaluate((el) => getComputedStyle(el).backgroundColor), { timeout: 5000 }).toBe('rgba(0, 0, 0, 0)');
  await expect.poll(() => zonghe.page.locator('.review-bar-actions .inbox-count').count(), { timeout: 5000 }).toBe(0);
});

test('submit, approve and return: zonghe’s editor turns read-only and editable again live, and the reason shows at the section', async () => {
  const mine = section(zonghe.page);
  const theirs = section(principal.page);
  const editable = () => mine.locator('.section-text').getAttribute('contenteditable');
  expect(await editable()).toBe('true');

  await mine.locator('.section-review-actions button', { hasText: '提交审阅' }).click();
  await expect.poll(() => mine.locator('.section-head .status-badge').textContent()).toBe('已提交');
  await expect.poll(editable).toBe('false');
  await expect.poll(() => theirs.locator('.section-head .status-badge').textContent(), { timeout: 5000 }).toBe('已提交');
  await expect.poll(() => principal.page.locator('.review-progress-legend').textContent(), { timeout: 5000 }).toContain('已提交 1');
  // Each is told what the status means to them; zonghe reads 教学教研部's draft as a reader.
  const hint = (where: typeof mine) => where.locator('.section-review-hint').evaluate((el) => el.firstChild?.textContent ?? '');
  expect(await hint(mine)).toBe('等待校长审阅，暂不可修改');
  await expect.poll(() => hint(theirs)).toBe('已提交，等待您审阅');
  expect(await hint(section(zonghe.page, 'performance'))).toBe('教学教研部撰写中');

  // The submitted section waits for the principal in 需要我处理, and its link opens the report there.
  await expect.poll(() => principal.page.locator('.review-bar-actions .inbox-count').textContent(), { timeout: 5000 }).toBe('1');
  const inbox = await principal.context.newPage();
  await inbox.goto('/inbox');
  const task = inbox.locator('.inbox-item[data-section-task="basic-info"]');
  await expect.poll(() => task.textContent()).toContain('待审阅');
  await task.locator('a').click();
  await inbox.waitForURL(new RegExp(`/reports/${reportId}\\?section=basic-info$`));
  await inbox.locator('.connection[data-state="connected"], .connection[data-state="saved"]').waitFor({ timeout: 30_000 });
  await expect.poll(async () => (await section(inbox, 'basic-info').boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
  await inbox.close();

  await theirs.locator('.section-review-actions button', { hasText: '通过' }).click();
  await expect.poll(() => mine.locator('.section-head .status-badge').textContent(), { timeout: 5000 }).toBe('已通过');
  await expect.poll(editable).toBe('false');
  // Read-only for real: typing changes nothing.
  const before = await shownSectionText(zonghe.page, 'basic-info');
  await mine.locator('.section-text').click();
  await zonghe.page.keyboard.insertText('不应出现');
  expect(await shownSectionText(zonghe.page, 'basic-info')).toBe(before);
  await expect.poll(() => principal.page.locator('.review-progress-count').textContent()).toBe('1/8 已通过');
  await expect.poll(() => principal.page.locator('.review-bar-actions .inbox-count').count(), { timeout: 5000 }).toBe(0);

  await theirs.locator('.section-review-actions button', { hasText: '退回' }).click();
  const dialog = principal.page.locator('.review-dialog');
  await dialog.locator('textarea').fill('请补充教职工结构的说明。');
  await dialog.locator('button', { hasText: /^退回$/ }).click();
  await dialog.waitFor({ state: 'detached' });

  await expect.poll(() => mine.locator('.section-head .status-badge').textContent(), { timeout: 5000 }).toBe('退回');
  await expect.poll(editable, { timeout: 5000 }).toBe('true');
  await expect.poll(() => mine.locator('.section-notes .thread-note').textContent(), { timeout: 5000 }).toContain('退回原因：请补充教职工结构的说明。');
  await expect.poll(() => theirs.locator('.section-notes .thread-note').textContent(), { timeout: 5000 }).toContain('退回原因：请补充教职工结构的说明。');

  // Editable again: zonghe's typing reaches the principal.
  await mine.locator('.section-text p').last().click();
  await zonghe.page.keyboard.press('Control+End');
  await zonghe.page.keyboard.insertText('教职工结构见附表。');
  await expect.poll(() => shownSectionText(principal.page, 'basic-info'), { timeout: 5000 }).toContain('教职工结构见附表。');
  await expect.poll(() => zonghe.page.locator('.toc-item', { hasText: '部门（单位）基本情况' }).locator('.status-badge').textContent()).toBe('退回');
  await mine.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await zonghe.page.mouse.wheel(0, -120);
  await zonghe.page.waitForTimeout(300);
  await zonghe.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'review-returned.png') });
});

test('history: versions taken on submit and approve, compared with the current text', async () => {
  const { page } = zonghe;
  await section(page).locator('.section-review-actions button', { hasText: '历史版本' }).click();
  const drawer = page.locator('.review-drawer');
  await expect.poll(() => drawer.locator('.version-kind').allTextContents()).toEqual(expect.arrayContaining(['提交时', '通过时']));
  await drawer.locator('.version-item[data-kind="approve"] button', { hasText: '与当前比较' }).click();
  await expect.poll(() => drawer.locator('.diff-view ins').allTextContents()).toContain('教职工结构见附表。');
  expect(await drawer.locator('.diff-editors').textContent()).toContain('综合事务部');
  // Escape in the restore dialog opened over the drawer closes the dialog, and only the dialog.
  await drawer.locator('.history-back').click();
  await drawer.locator('.version-item[data-kind="approve"] button', { hasText: '查看' }).click();
  await drawer.locator('button', { hasText: '恢复此版本' }).click();
  const confirm = page.getByRole('dialog', { name: '恢复此版本' });
  await expect.poll(() => confirm.count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => confirm.count()).toBe(0);
  expect(await drawer.count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => drawer.count()).toBe(0);
});

test('进度 opens a full-height list of every section, and 定稿 asks over the whole dimmed page', async () => {
  const { page } = principal;
  const viewport = page.viewportSize()!;
  await page.locator('.review-bar-actions button', { hasText: /^进度/ }).click();
  const drawer = page.getByRole('dialog', { name: '审阅进度' });
  const drawerBox = (await drawer.boundingBox())!;
  expect(drawerBox.height).toBeGreaterThan(viewport.height * 0.8);
  const rows = drawer.locator('[data-progress-section]');
  expect(await rows.count()).toBe(await page.locator('.paper [data-section]').count());
  // Every row is on screen inside the drawer, not cut off by the bar it was opened from.
  for (const row of await rows.all()) {
    const box = (await row.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(drawerBox.y);
    expect(box.y + box.height).toBeLessThanOrEqual(Math.min(drawerBox.y + drawerBox.height, viewport.height));
  }
  // The drawer is how one moves between sections when the outline is hidden: jump to the last one.
  const lastKey = (await rows.last().getAttribute('data-progress-section'))!;
  const lastHeading = section(page, lastKey).locator('.section-heading');
  expect((await lastHeading.boundingBox())!.y).toBeGreaterThan(viewport.height);
  await rows.last().locator('.progress-jump').click();
  await expect.poll(() => drawer.count()).toBe(0);
  await expect.poll(async () => (await lastHeading.boundingBox())!.y, { timeout: 5000 }).toBeLessThan(viewport.height - 100);
  expect((await lastHeading.boundingBox())!.y).toBeGreaterThanOrEqual(0);

  await page.locator('.review-bar-actions button', { hasText: /^定稿$/ }).click();
  const dialog = page.getByRole('dialog', { name: '定稿' });
  const backdrop = (await page.locator('.review-backdrop').boundingBox())!;
  expect([backdrop.x, backdrop.y, backdrop.width, backdrop.height]).toEqual([0, 0, viewport.width, viewport.height]);
  expect((await dialog.boundingBox())!.y).toBeGreaterThan(100);
  // A click on the dimmed page closes the dialog and does nothing else.
  await page.mouse.click(20, viewport.height - 20);
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await page.locator('.status-badge.is-finalized').count()).toBe(0);
  // Escape closes the dialog and the drawer alike.
  await page.locator('.review-bar-actions button', { hasText: /^定稿$/ }).click();
  await expect.poll(() => dialog.count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  await page.locator('.review-bar-actions button', { hasText: /^进度/ }).click();
  await expect.poll(() => drawer.count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => drawer.count()).toBe(0);
  expect(await page.locator('.status-badge.is-finalized').count()).toBe(0);
});

test('a comment in a read-only section mentions the principal; 需要我处理 lists it and links to its thread', async () => {
  const { page } = principal;
  // zonghe may only read 部门整体支出绩效情况 (教学教研部's) but comments on it all the same.
  expect(await section(zonghe.page, 'performance').locator('.section-text').getAttribute('contenteditable')).toBe('false');
  const words = ((await section(zonghe.page, 'performance').locator('.section-text p').first().textContent()) ?? '').slice(0, 8);
  await selectText(zonghe.page, 'performance', words);
  await zonghe.page.locator('.comment-add').click();
  await zonghe.page.locator('.thread-draft .composer-input').fill('@校长 学生人数请以学籍系统为准');
  await zonghe.page.locator('.thread-draft button', { hasText: /^评论$/ }).click();
  await expect.poll(() => page.locator('.review-bar-actions .inbox-count').textContent(), { timeout: 5000 }).toBe('1');

  await page.goto('/inbox');
  const item = page.locator('.inbox-item');
  await expect.poll(() => item.textContent()).toContain('学生人数请以学籍系统为准');
  const id = await item.getAttribute('data-thread-id');
  await item.locator('a').click();
  await page.waitForURL(new RegExp(`/reports/${reportId}\\?thread=${id}$`));
  await expect.poll(() => card(page, id!).getAttribute('class'), { timeout: 10_000 }).toContain('is-active');
});
