import { afterAll, beforeAll, expect, test } from 'vitest';
import type { InboxView } from '../../shared/reviewApi.js';
import { signInAll, type ApiClient } from '../helpers/api.js';
import { demoReport } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// zonghe (综合事务部) writes basic-info; houqin (后勤服务部) writes general-budget.
let server: TestServer;
let reportId: string;
let api: Record<string, ApiClient>;

beforeAll(async () => {
  server = await startTestServer();
  let tokens: Record<string, string>;
  ({ api, tokens } = await signInAll(server.url, ['principal', 'zonghe', 'houqin']));
  reportId = (await demoReport(server.url, tokens.principal!)).id;
});
afterAll(async () => {
  await server?.close();
});

const act = async (user: string, key: string, action: string, body: unknown = {}) =>
  expect((await api[user]!('POST', `/api/reports/${reportId}/sections/${key}/${action}`, body)).status).toBeLessThan(300);
const waiting = async (user: string) => {
  const inbox = (await api[user]!('GET', '/api/inbox')).body as InboxView;
  return inbox.sections.map((task) => [task.sectionKey, task.status]);
};

test('需要我处理 lists submitted sections for the principal and returned ones for the department that writes them', async () => {
  expect(await waiting('principal')).toEqual([]);
  await act('zonghe', 'basic-info', 'submit');
  await act('houqin', 'general-budget', 'submit');
  const inbox = (await api.principal!('GET', '/api/inbox')).body as InboxView;
  expect(inbox.sections).toEqual([
    { reportId, reportTitle: '2024年度株洲市二中南洲学校部门整体支出绩效自评报告', sectionKey: 'basic-info', number: '一', title: '部门（单位）基本情况', department: '综合事务部', status: 'submitted' },
    expect.objectContaining({ sectionKey: 'general-budget', number: '二', department: '后勤服务部', status: 'submitted' }),
  ]);
  // Waiting for the principal is not the departments' business.
  expect(await waiting('zonghe')).toEqual([]);

  await act('principal', 'basic-info', 'return', { reason: '请补充教职工结构的说明。' });
  await act('principal', 'general-budget', 'approve');
  expect(await waiting('principal')).toEqual([]);
  expect(await waiting('zonghe')).toEqual([['basic-info', 'returned']]);
  expect(await waiting('houqin')).toEqual([]);

  // A finalised report waits for nobody.
  expect((await api.principal!('POST', `/api/reports/${reportId}/finalize`, {})).status).toBeLessThan(300);
  expect(await waiting('zonghe')).toEqual([]);
});
