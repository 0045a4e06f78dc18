import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoReport, login, sleep } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  connectionState, focusSectionEnd, launchBrowser, openReport, openReportAs, type ReportTab, requireBuiltClient, shownSectionText,
} from './support/browser.js';
import { storedSectionText } from './support/stored-section.js';

let server: TestServer;
let browser: Browser;
let reportId: string;
let token: string;
let writer: ReportTab;
let colleague: ReportTab;

beforeAll(async () => {
  requireBuiltClient();
  server = await startTestServer();
  browser = await launchBrowser();
  token = (await login(server.url, 'principal')).token;
  reportId = (await demoReport(server.url, token)).id;
  writer = await openReportAs(browser, server.url, 'zonghe', reportId);
  colleague = await openReportAs(browser, server.url, 'jiaoxue', reportId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// The sections start with the imported reference report; typing appends to their last paragraph.
const before = { shown: { basic: '', performance: '' }, stored: { basic: '', performance: '' } };

test('edits made offline merge when the connection returns, nothing lost or duplicated', async () => {
  before.shown = { basic: await shownSectionText(colleague.page, 'basic-info'), performance: await shownSectionText(writer.page, 'performance') };
  before.stored = {
    basic: await storedSectionText(server.collabUrl, token, reportId, 'basic-info'),
    performance: await storedSectionText(server.collabUrl, token, reportId, 'performance'),
  };
  await focusSectionEnd(writer.page, 'basic-info');
  await writer.page.keyboard.insertText('联网时写的。');
  await expect.poll(() => shownSectionText(colleague.page, 'basic-info')).toBe(`${before.shown.basic}联网时写的。`);

  // Chromium's offline emulation leaves open websockets alone; the app reacts to the browser's
  // `offline` event itself, so the page says so and really stops talking to the server.
  await writer.context.setOffline(true);
  await expect.poll(() => connectionState(writer.page)).toBe('offline');
  expect(await writer.page.locator('.connection-label').textContent()).toBe('离线（修改已保存在本地，联网后自动同步）');

  await writer.page.keyboard.insertText('断网后写的。');
  await focusSectionEnd(colleague.page, 'performance');
  await colleague.page.keyboard.insertText('同事同时在线写的。');
  await sleep(800);
  expect(await shownSectionText(colleague.page, 'basic-info')).toBe(`${before.shown.basic}联网时写的。`);
  expect(await storedSectionText(server.collabUrl, token, reportId, 'basic-info')).toBe(`${before.stored.basic}联网时写的。`);
  expect(await shownSectionText(writer.page, 'performance')).toBe(before.shown.performance);
  expect(await connectionState(writer.page)).toBe('offline');

  await writer.context.setOffline(false);
  await expect.poll(() => connectionState(writer.page), { timeout: 8000 }).toBe('saved');
  await expect.poll(() => shownSectionText(colleague.page, 'basic-info')).toBe(`${before.shown.basic}联网时写的。断网后写的。`);
  await expect.poll(() => shownSectionText(writer.page, 'performance')).toBe(`${before.shown.performance}同事同时在线写的。`);
  expect(await storedSectionText(server.collabUrl, token, reportId, 'basic-info')).toBe(`${before.stored.basic}联网时写的。断网后写的。`);
  expect(await storedSectionText(server.collabUrl, token, reportId, 'performance')).toBe(`${before.stored.performance}同事同时在线写的。`);
});

test('an offline edit survives closing the tab and is sent on the next visit', async () => {
  await writer.context.setOffline(true);
  await expect.poll(() => connectionState(writer.page)).toBe('offline');
  await focusSectionEnd(writer.page, 'basic-info');
  await writer.page.keyboard.insertText('关页前离线写的。');
  // y-indexeddb writes each update at once; leave it a moment to commit before closing.
  await sleep(300);
  await writer.page.close();
  await writer.context.setOffline(false);

  writer.page = await openReport(writer.context, reportId);
  const typed = '联网时写的。断网后写的。关页前离线写的。';
  await expect.poll(() => shownSectionText(colleague.page, 'basic-info'), { timeout: 8000 }).toBe(before.shown.basic + typed);
  expect(await shownSectionText(writer.page, 'basic-info')).toBe(before.shown.basic + typed);
  expect(await storedSectionText(server.collabUrl, token, reportId, 'basic-info')).toBe(before.stored.basic + typed);
});
