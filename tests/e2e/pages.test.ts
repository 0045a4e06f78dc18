import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, requireBuiltClient } from './support/browser.js';

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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
  return context.newPage();
}

async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

test('login explains refusals and the session is remembered across reloads', async () => {
  const page = await newPage();
  await page.goto('/reports');
  await page.waitForURL(/\/login\?next=%2Freports$/);

  await submitLogin(page, 'zonghe', 'wrong-password');
  await expect.poll(() => page.locator('.form-error').textContent()).toBe('用户名或密码错误');

  await submitLogin(page, 'zonghe', DEMO_PASSWORD);
  await page.waitForURL(/\/reports$/);
  await expect.poll(() => page.locator('.report-card-year').allTextContents()).toEqual(['2024 年度']);

  await page.reload();
  await page.locator('.report-card').waitFor();
  expect(new URL(page.url()).pathname).toBe('/reports');
  // Members are managed by the admin and the principal only.
  expect(await page.locator('.nav-link', { hasText: '成员管理' }).count()).toBe(0);

  await page.locator('button', { hasText: '退出' }).click();
  await page.waitForURL(/\/login$/);
  await page.reload();
  await page.locator('input[name="username"]').waitFor();
  await page.context().close();
});

test('repeated failures are throttled with a clear message', async () => {
  const page = await newPage();
  await page.goto('/login');
  let message: string | null = null;
  for (let attempt = 0; attempt < 8 && !message?.startsWith('尝试次数过多'); attempt++) {
    await submitLogin(page, 'houqin', `wrong-${attempt}`);
    await page.locator('button[type="submit"]:not([disabled])').waitFor();
    message = await page.locator('.form-error').textContent();
  }
  expect(message).toMatch(/^尝试次数过多/);
  await page.context().close();
});

test('the principal adds a colleague, resets a password and disables an account', async () => {
  const page = await newPage();
  await page.goto('/login');
  await submitLogin(page, 'principal', DEMO_PASSWORD);
  await page.waitForURL(/\/reports$/);
  await page.locator('.nav-link', { hasText: '成员管理' }).click();
  await page.waitForURL(/\/members$/);

  const form = page.locator('form[aria-label="添加同事"]');
  await form.locator('input[name="displayName"]').fill('李会计');
  await form.locator('input[name="username"]').fill('likuaiji');
  await form.locator('select[name="role"]').selectOption('dept_head');
  await form.locator('select[name="department"]').selectOption('后勤服务部');
  await form.locator('input[name="password"]').fill('first-pass-1');
  await form.locator('button[type="submit"]').click();
  const row = page.locator('.member-table tr', { hasText: 'likuaiji' });
  await row.waitFor();
  expect(await row.textContent()).toContain('后勤服务部');

  await row.locator('button', { hasText: '重置密码' }).click();
  await row.locator('input[type="password"]').fill('second-pass-2');
  await row.locator('button', { hasText: '确定' }).click();
  await expect.poll(() => page.locator('.notice').textContent()).toContain('已为 李会计 重置密码');

  const colleague = await newPage();
  await colleague.goto('/login');
  await submitLogin(colleague, 'likuaiji', 'second-pass-2');
  await colleague.waitForURL(/\/reports$/);
  await colleague.locator('button', { hasText: '退出' }).click();
  await colleague.waitForURL(/\/login$/);

  await row.locator('button', { hasText: '停用' }).click();
  await expect.poll(() => row.textContent()).toContain('已停用');
  await submitLogin(colleague, 'likuaiji', 'second-pass-2');
  await expect.poll(() => colleague.locator('.form-error').textContent()).toBe('账号已停用，请联系管理员');
  await page.context().close();
  await colleague.context().close();
});
