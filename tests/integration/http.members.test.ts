import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoReport, login } from '../helpers/clients.js';
import { RawClient } from '../helpers/rawClient.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let principal: string;
let zonghe: string;

beforeAll(async () => {
  server = await startTestServer();
  principal = (await login(server.url, 'principal')).token;
  zonghe = (await login(server.url, 'zonghe')).token;
});
afterAll(async () => { await server?.close(); });

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

test('the principal lists members and adds a colleague who can then sign in and edit their sections', async () => {
  const list = await (await call('GET', '/api/users', principal)).json();
  expect(list.users.map((u: { username: string }) => u.username)).toEqual(['houqin', 'jiaoxue', 'principal', 'xuesheng', 'zonghe']);
  expect(list.users[0]).not.toHaveProperty('passwordHash');

  const created = await call('POST', '/api/users', principal, { username: 'wang', displayName: '王老师', role: 'dept_head', department: '学生发展部', password: 'wang-pass-1' });
  expect(created.status).toBe(201);
  const { token } = await login(server.url, 'wang', 'wang-pass-1');
  const report = await demoReport(server.url, token);
  expect(report.sections.filter((s) => s.canEdit).map((s) => s.key)).toEqual(['problems']);
});

test('bad member input is refused with a reason', async () => {
  const taken = await call('POST', '/api/users', principal, { username: 'zonghe', displayName: 'x', role: 'viewer', department: null, password: 'long-enough' });
  expect(taken.status).toBe(409);
  const short = await call('POST', '/api/users', principal, { username: 'li', displayName: '李', role: 'viewer', department: null, password: 'short' });
  expect(short.status).toBe(400);
  expect((await short.json()).message).toContain('至少');
  const noDept = await call('POST', '/api/users', principal, { username: 'zhao', displayName: '赵', role: 'dept_head', department: null, password: 'long-enough' });
  expect((await noDept.json()).message).toContain('部门负责人必须属于一个部门');
  const badName = await call('POST', '/api/users', principal, { username: '../x', displayName: 'x', role: 'viewer', department: null, password: 'long-enough' });
  expect(badName.status).toBe(400);
});

test('a department head may not manage members', async () => {
  expect((await call('GET', '/api/users', zonghe)).status).toBe(403);
  expect((await call('POST', '/api/users', zonghe, { username: 'evil', displayName: 'x', role: 'principal', department: null, password: 'long-enough' })).status).toBe(403);
  const users = (await (await call('GET', '/api/users', principal)).json()).users as { id: string; username: string }[];
  const jiaoxue = users.find((u) => u.username === 'jiaoxue')!;
  expect((await call('PATCH', `/api/users/${jiaoxue.id}`, zonghe, { disabled: true })).status).toBe(403);
  expect((await call('POST', `/api/users/${jiaoxue.id}/password`, zonghe, { password: 'hijacked-1' })).status).toBe(403);
  // A principal cannot create an admin either.
  expect((await call('POST', '/api/users', principal, { username: 'root2', displayName: 'x', role: 'admin', department: null, password: 'long-enough' })).status).toBe(403);
});

test('nobody reaches another school\'s members', async () => {
  const { store, accounts } = server.server;
  await store.orgs.create({ id: 'school-b', name: '另一所学校' }, ['综合事务部']);
  const outsider = await accounts.createUser({ orgId: 'school-b', username: 'b-head', displayName: '外校', role: 'principal', department: null, password: DEMO_PASSWORD });
  expect((await call('PATCH', `/api/users/${outsider.id}`, principal, { disabled: true })).status).toBe(404);
  const bToken = (await login(server.url, 'b-head')).token;
  const reports = await (await call('GET', '/api/reports', bToken)).json();
  expect(reports.reports).toEqual([]);
  const ours = await demoReport(server.url, principal);
  expect((await call('GET', `/api/reports/${ours.id}`, bToken)).status).toBe(404);
});

test('changing a member\'s department or disabling them takes effect on open sockets', async () => {
  const users = (await (await call('GET', '/api/users', principal)).json()).users as { id: string; username: string }[];
  const xuesheng = users.find((u) => u.username === 'xuesheng')!;
  const { token } = await login(server.url, 'xuesheng');
  const report = await demoReport(server.url, token);
  const socket = await RawClient.connect(`${server.collabUrl}/reports/${report.id}/sections/problems?token=${token}`);
  await new Promise((r) => setTimeout(r, 100));

  const moved = await call('PATCH', `/api/users/${xuesheng.id}`, principal, { department: '后勤服务部' });
  expect((await moved.json()).user.department).toBe('后勤服务部');
  // Closed with a retryable code so the client reconnects with its new rights.
  expect((await socket.waitClose()).code).toBe(4001);
  expect((await demoReport(server.url, token)).sections.filter((s) => s.canEdit).map((s) => s.key))
    .toEqual(['general-budget', 'fund-budget', 'state-capital-budget', 'social-insurance-budget']);

  const self = users.find((u) => u.username === 'principal')!;
  expect((await call('PATCH', `/api/users/${self.id}`, principal, { disabled: true })).status).toBe(400);

  const reset = await call('POST', `/api/users/${xuesheng.id}/password`, principal, { password: 'new-pass-123' });
  expect(reset.status).toBe(204);
  expect((await call('GET', '/api/reports', token)).status).toBe(401);
});

test('the directory says whom the asker may manage and which roles they may give, as the server enforces', async () => {
  const { user: me } = await (await call('GET', '/api/session', principal)).json();
  const admin = await server.server.accounts.createUser({
    orgId: me.org.id, username: 'it-admin', displayName: '信息中心', role: 'admin', department: null, password: DEMO_PASSWORD,
  });
  const asPrincipal = await (await call('GET', '/api/users', principal)).json();
  const row = (directory: { users: { username: string; canManage: boolean }[] }, username: string) =>
    directory.users.find((u) => u.username === username)!;
  expect(row(asPrincipal, 'it-admin').canManage).toBe(false);
  expect(row(asPrincipal, 'jiaoxue').canManage).toBe(true);
  expect(row(asPrincipal, 'principal').canManage).toBe(true);
  expect(asPrincipal.assignableRoles).toEqual(['principal', 'dept_head', 'viewer']);
  // What the directory withholds, the server refuses.
  expect((await call('PATCH', `/api/users/${admin.id}`, principal, { displayName: '改名' })).status).toBe(403);
  expect((await call('POST', `/api/users/${admin.id}/password`, principal, { password: 'taken-over-1' })).status).toBe(403);
  const jiaoxue = row(asPrincipal, 'jiaoxue') as unknown as { id: string };
  expect((await call('PATCH', `/api/users/${jiaoxue.id}`, principal, { role: 'admin' })).status).toBe(403);

  const adminToken = (await login(server.url, 'it-admin')).token;
  const asAdmin = await (await call('GET', '/api/users', adminToken)).json();
  expect(asAdmin.users.every((u: { canManage: boolean }) => u.canManage)).toBe(true);
  expect(asAdmin.assignableRoles).toEqual(['admin', 'principal', 'dept_head', 'viewer']);
});
