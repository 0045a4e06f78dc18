import type { SessionUser } from '../../shared/api.js';
import { expect, test } from 'vitest';
import { demoReport, getJson, login } from '../helpers/clients.js';
import { signedInSuite } from './support/browser.js';

const suite = signedInSuite('principal');

const memberRow = () => suite.page.locator('.member-table tr', { hasText: 'xuesheng' });
const cells = () => memberRow().locator('td').allTextContents();

test('the principal changes a member\'s display name and department; a refusal keeps the dialog and its input', async () => {
  await suite.page.goto('/members');
  await memberRow().waitFor();
  expect((await cells()).slice(0, 4)).toEqual(['学生发展部', 'xuesheng', '部门负责人', '学生发展部']);

  await memberRow().locator('button', { hasText: '修改' }).click();
  const dialog = suite.page.locator('[role="dialog"]', { hasText: '修改成员：xuesheng' });
  await dialog.locator('input[name="displayName"]').fill('王老师');
  // A department head without a department: the suite.server refuses, the dialog stays with what was typed.
  await dialog.locator('select[name="department"]').selectOption('');
  await dialog.locator('button', { hasText: '保存' }).click();
  await expect.poll(() => dialog.locator('.form-error').textContent()).toBe('部门负责人必须属于一个部门');
  expect(await dialog.locator('input[name="displayName"]').inputValue()).toBe('王老师');
  expect((await cells())[0]).toBe('学生发展部');

  await dialog.locator('select[name="department"]').selectOption('教学教研部');
  await dialog.locator('button', { hasText: '保存' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => suite.page.locator('.notice').textContent()).toBe('已保存 王老师 的修改');
  expect((await cells()).slice(0, 4)).toEqual(['王老师', 'xuesheng', '部门负责人', '教学教研部']);

  await suite.page.reload();
  await memberRow().waitFor();
  expect((await cells()).slice(0, 4)).toEqual(['王老师', 'xuesheng', '部门负责人', '教学教研部']);

  // On the server: xuesheng now signs in as 王老师 of 教学教研部 and writes that department's sections.
  const { token } = await login(suite.server.url, 'xuesheng');
  const { user } = await getJson<{ user: SessionUser }>(suite.server.url, '/api/session', token);
  expect({ displayName: user.displayName, department: user.department }).toEqual({ displayName: '王老师', department: '教学教研部' });
  const editable = async (username: string) =>
    (await demoReport(suite.server.url, (await login(suite.server.url, username)).token)).sections.filter((s) => s.canEdit).map((s) => s.key);
  const teachingSections = await editable('jiaoxue');
  expect(teachingSections.length).toBeGreaterThan(0);
  expect(await editable('xuesheng')).toEqual(teachingSections);
});

test("the principal's own role cannot be changed from the dialog", async () => {
  await suite.page.goto('/members');
  const row = suite.page.locator('.member-table tr', { hasText: 'principal' });
  await row.locator('button', { hasText: '修改' }).click();
  const dialog = suite.page.locator('[role="dialog"]', { hasText: '修改成员：principal' });
  expect(await dialog.locator('select[name="role"]').isDisabled()).toBe(true);
  await dialog.locator('button', { hasText: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
});

test('the header names the principal once and follows their own rename at once; an admin\'s row offers the principal nothing', async () => {
  const { page } = suite;
  const { user: me } = await getJson<{ user: SessionUser }>(suite.server.url, '/api/session', (await login(suite.server.url, 'principal')).token);
  await suite.server.server.accounts.createUser({
    orgId: me.org.id, username: 'it-admin', displayName: '信息中心', role: 'admin', department: null, password: 'admin-pass-1',
  });
  await page.goto('/members');
  const badge = page.locator('.shell-bar .user-badge');
  await expect.poll(() => badge.locator('.user-badge-name').textContent()).toBe('校长');
  expect(await badge.locator('.user-badge-detail').count()).toBe(0);

  const adminRow = page.locator('.member-table tr', { hasText: 'it-admin' });
  expect(await adminRow.locator('.member-actions').textContent()).toBe('仅管理员可修改');
  expect(await adminRow.locator('button').count()).toBe(0);
  const offeredRoles = await page.locator('form[aria-label="添加同事"] select[name="role"] option').allTextContents();
  expect(offeredRoles).toEqual(['校长', '部门负责人', '只读成员']);

  await page.locator('.member-table tr', { hasText: 'principal' }).locator('button', { hasText: '修改' }).click();
  const dialog = page.locator('[role="dialog"]', { hasText: '修改成员：principal' });
  await dialog.locator('input[name="displayName"]').fill('张校长');
  await dialog.locator('button', { hasText: '保存' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => badge.locator('.user-badge-name').textContent()).toBe('张校长');
  expect(await badge.locator('.user-badge-detail').textContent()).toBe('校长');
});
