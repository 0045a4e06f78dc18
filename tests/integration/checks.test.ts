import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReportChecks } from '../../shared/reportAdmin.js';
import { budgetCell } from '../helpers/budgetCells.js';
import { connectSection, demoReport, eventually, login, storedDoc, waitForSync } from '../helpers/clients.js';
import { call } from '../helpers/reportAdmin.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let principal: string;
let reportId: string;

beforeAll(async () => {
  server = await startTestServer();
  principal = (await login(server.url, 'principal')).token;
  reportId = (await demoReport(server.url, principal)).id;
});
afterAll(async () => { await server?.close(); });

const checks = async (token = principal) => call<ReportChecks>(server.url, 'GET', `/api/reports/${reportId}/checks`, token);

test('the seeded demo report passes every check', async () => {
  const answer = await checks();
  expect(answer.status).toBe(200);
  expect(answer.body.problems).toEqual([]);
  // Anyone of the school may read them.
  expect((await checks((await login(server.url, 'xuesheng')).token)).body.problems).toEqual([]);
});

test('a table that disagrees with the prose and the 自评表 fails with both mismatches, read from storage', async () => {
  const houqin = connectSection(server.collabUrl, (await login(server.url, 'houqin')).token, reportId, 'general-budget');
  await waitForSync(houqin.provider);
  budgetCell(houqin.doc, '基本支出', 'fullYearActual').setAttribute('value', '700.00');
  await eventually(async () => budgetCell(await storedDoc(server.server.store.documents, reportId, 'general-budget'), '基本支出', 'fullYearActual')
    .getAttribute('value'), (value) => value === '700.00');

  const { problems } = (await checks()).body;
  expect(problems.filter((p) => p.severity === 'error')).toEqual([
    expect.objectContaining({
      code: 'narrative-figure-mismatch',
      message: '正文写「基本支出」实际支出为769.78万元，但一般公共预算表中全年执行数为700.00万元',
      location: { sectionKey: 'general-budget' },
    }),
    expect.objectContaining({
      code: 'self-evaluation-funds-mismatch',
      message: '自评表「年度资金总额」全年执行数为769.78万元，但预算表合计为700.00万元（一般公共预算支出）',
      location: expect.objectContaining({ sectionKey: 'performance', column: 'fullYearActual' }),
    }),
  ]);

  budgetCell(houqin.doc, '基本支出', 'fullYearActual').setAttribute('value', '769.78');
  await eventually(async () => (await checks()).body.problems, (p) => p.length === 0);
  houqin.destroy();
});

test('another organisation gets 404, a stranger 401', async () => {
  await server.server.store.orgs.create({ id: 'other-org', name: '另一所学校' }, ['综合事务部']);
  await server.server.accounts.createUser({ orgId: 'other-org', username: 'outsider', displayName: '外校', role: 'principal', department: null, password: 'outsider-1' });
  expect((await checks((await login(server.url, 'outsider', 'outsider-1')).token)).status).toBe(404);
  expect((await checks('not-a-token')).status).toBe(401);
  expect((await call(server.url, 'GET', '/api/reports/no-such-report/checks', principal)).status).toBe(404);
});
