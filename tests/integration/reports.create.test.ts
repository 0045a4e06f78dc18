import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReportView } from '../../shared/api.js';
import { budgetTableFromNode, plainTextFromDoc, selfEvaluationFromNode } from '../../shared/editor/budgetNodes.js';
import { readCarryOver } from '../../shared/editor/carryOverDoc.js';
import type { ReportChecks } from '../../shared/reportAdmin.js';
import { STANDARD_SECTIONS } from '../../shared/template.js';
import { demoReport, getJson, login, storedDoc } from '../helpers/clients.js';
import { call, contentOf } from '../helpers/reportAdmin.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let principal: string;
let lastYear: ReportView;

beforeAll(async () => {
  server = await startTestServer();
  principal = (await login(server.url, 'principal')).token;
  lastYear = await demoReport(server.url, principal);
});
afterAll(async () => { await server?.close(); });

const view = (id: string, token = principal) => getJson<ReportView>(server.url, `/api/reports/${id}`, token);
const stored = async (reportId: string, key: string) => storedDoc(server.server.store.documents, reportId, key);

test('from the template: the standard sections, owned by the departments that usually write them, empty', async () => {
  const created = await call<{ id: string }>(server.url, 'POST', '/api/reports', principal, { year: 2025, from: 'template' });
  expect(created.status).toBe(201);
  const report = await view(created.body.id);
  expect(report).toMatchObject({ title: '2025年度部门整体支出绩效自评报告', year: 2025, attachmentLabel: null });
  expect(report.sections.map((s) => [s.key, s.title, s.department])).toEqual(STANDARD_SECTIONS.map((s) => [s.key, s.title, s.department]));
  expect(report.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八']);
  expect((await stored(report.id, 'basic-info')).getXmlFragment('default').length).toBe(0);
});

test('from last year: structure and text carried over, every figure cleared and flagged until updated', async () => {
  const created = await call<{ id: string }>(server.url, 'POST', '/api/reports', principal, { year: 2025, from: lastYear.id });
  expect(created.status).toBe(201);
  const report = await view(created.body.id);
  expect(report.title).toBe('2025年度株洲市二中南洲学校部门整体支出绩效自评报告');
  // Last year's went out as 附件4 of the bureau's notice; so, by default, does this one.
  expect(report.attachmentLabel).toBe('附件4');
  expect(report.sections.map((s) => [s.key, s.title, s.department])).toEqual(lastYear.sections.map((s) => [s.key, s.title, s.department]));

  const old = contentOf(await stored(lastYear.id, 'general-budget'));
  const budgetDoc = await stored(report.id, 'general-budget');
  const carried = contentOf(budgetDoc);
  expect(plainTextFromDoc(carried)).toBe(plainTextFromDoc(old));
  const table = budgetTableFromNode(carried.content!.find((b) => b.type === 'budgetTable')!);
  expect(table.rows.map((r) => r.label)).toEqual(['基本支出', '人员经费', '公用经费', '项目支出']);
  expect(table.rows.flatMap((r) => Object.values(r.values))).toEqual(Array(12).fill(''));
  expect(readCarryOver(budgetDoc)).toEqual({ fromYear: 2024, figures: ['769.78万元', '2024年'] });

  const evaluation = selfEvaluationFromNode(contentOf(await stored(report.id, 'performance')).content!.find((b) => b.type === 'selfEvaluationTable')!);
  expect(evaluation.funds.every((f) => f.fullYearActual === '' && f.fullYearBudget === '')).toBe(true);
  expect(evaluation.fundsWeight).toBe('10');

  const { problems } = (await call<ReportChecks>(server.url, 'GET', `/api/reports/${report.id}/checks`, principal)).body;
  expect(problems.filter((p) => p.code === 'figure-carried-over').map((p) => [p.location.sectionKey, p.message])).toContainEqual(
    ['general-budget', '「一般公共预算支出情况」沿用2024年度报告，正文中的「769.78万元」尚未更新，请核对']);
  // Last year's report is untouched.
  expect(budgetTableFromNode(old.content!.find((b) => b.type === 'budgetTable')!).rows[0]!.values.fullYearActual).toBe('769.78');
});

test('the principal adds, renames, reassigns and reorders sections; numbering follows the order', async () => {
  const { id } = (await call<{ id: string }>(server.url, 'POST', '/api/reports', principal, { year: 2026, from: 'template', title: '2026年度自评报告' })).body;
  const added = await call<{ key: string; report: ReportView }>(server.url, 'POST', `/api/reports/${id}/sections`, principal,
    { title: '自评结果拟应用和公开情况', department: '综合事务部', after: 'improvements' });
  expect(added.status).toBe(201);
  expect(added.body.report.sections.at(-1)).toMatchObject({ key: added.body.key, number: '九', title: '自评结果拟应用和公开情况' });
  const inserted = await call<{ key: string; report: ReportView }>(server.url, 'POST', `/api/reports/${id}/sections`, principal,
    { title: '其他需要说明的情况', department: '学生发展部', after: 'basic-info' });
  expect(inserted.body.report.sections.map((s) => s.number + s.title).slice(0, 3)).toEqual(['一部门（单位）基本情况', '二其他需要说明的情况', '三一般公共预算支出情况']);

  const renamed = await call<ReportView>(server.url, 'PATCH', `/api/reports/${id}/sections/performance`, principal,
    { title: '部门整体支出绩效自评情况', department: '后勤服务部' });
  expect(renamed.status).toBe(200);
  expect(renamed.body.sections.find((s) => s.key === 'performance')).toMatchObject({ title: '部门整体支出绩效自评情况', department: '后勤服务部' });

  const keys = renamed.body.sections.map((s) => s.key);
  const reversed = [...keys].reverse();
  const reordered = await call<ReportView>(server.url, 'PUT', `/api/reports/${id}/sections/order`, principal, { keys: reversed });
  expect(reordered.status).toBe(200);
  expect(reordered.body.sections.map((s) => s.key)).toEqual(reversed);
  expect(reordered.body.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']);
  expect((await view(id)).sections.map((s) => s.key)).toEqual(reversed);

  // The new owner may now write the section; its former owner no longer may.
  const houqin = (await login(server.url, 'houqin')).token;
  const jiaoxue = (await login(server.url, 'jiaoxue')).token;
  expect((await view(id, houqin)).sections.find((s) => s.key === 'performance')!.canEdit).toBe(true);
  expect((await view(id, jiaoxue)).sections.find((s) => s.key === 'performance')!.canEdit).toBe(false);

  const bad = [
    await call(server.url, 'PUT', `/api/reports/${id}/sections/order`, principal, { keys: keys.slice(1) }),
    await call(server.url, 'PATCH', `/api/reports/${id}/sections/performance`, principal, { department: '财务处' }),
    await call(server.url, 'PATCH', `/api/reports/${id}/sections/performance`, principal, { title: '  ' }),
    await call(server.url, 'POST', `/api/reports/${id}/sections`, principal, { title: '新部分', department: '综合事务部', after: 'nope' }),
  ];
  expect(bad.map((b) => b.status)).toEqual([400, 400, 400, 404]);
  expect((await view(id)).sections.map((s) => s.key)).toEqual(reversed);
});

test('a department head may neither create reports nor manage sections (403); other organisations see 404', async () => {
  const houqin = (await login(server.url, 'houqin')).token;
  const before = (await getJson<{ reports: unknown[] }>(server.url, '/api/reports', principal)).reports.length;
  const refusals = [
    await call(server.url, 'POST', '/api/reports', houqin, { year: 2027, from: 'template' }),
    await call(server.url, 'POST', '/api/reports', houqin, { year: 2027, from: lastYear.id }),
    await call(server.url, 'POST', `/api/reports/${lastYear.id}/sections`, houqin, { title: '新部分', department: '后勤服务部' }),
    await call(server.url, 'PATCH', `/api/reports/${lastYear.id}/sections/general-budget`, houqin, { title: '改名' }),
    await call(server.url, 'PUT', `/api/reports/${lastYear.id}/sections/order`, houqin, { keys: lastYear.sections.map((s) => s.key).reverse() }),
    await call(server.url, 'PATCH', `/api/reports/${lastYear.id}`, houqin, { title: '改名' }),
  ];
  expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
  expect((await view(lastYear.id)).title).toBe(lastYear.title);
  expect((await getJson<{ reports: unknown[] }>(server.url, '/api/reports', principal)).reports.length).toBe(before);
  expect((await view(lastYear.id)).sections.map((s) => [s.key, s.title])).toEqual(lastYear.sections.map((s) => [s.key, s.title]));

  await server.server.store.orgs.create({ id: 'other-org', name: '另一所学校' }, ['综合事务部']);
  await server.server.accounts.createUser({ orgId: 'other-org', username: 'other-principal', displayName: '外校校长', role: 'principal', department: null, password: 'other-pass-1' });
  const outsider = (await login(server.url, 'other-principal', 'other-pass-1')).token;
  expect((await call(server.url, 'POST', '/api/reports', outsider, { year: 2025, from: lastYear.id })).status).toBe(404);
  expect((await call(server.url, 'PATCH', `/api/reports/${lastYear.id}/sections/general-budget`, outsider, { title: 'x' })).status).toBe(404);
  expect((await call(server.url, 'PATCH', `/api/reports/${lastYear.id}`, outsider, { title: 'x' })).status).toBe(404);
});

test('the principal retitles a report; a title another report of the school has, or an empty one, is refused', async () => {
  const { id } = (await call<{ id: string }>(server.url, 'POST', '/api/reports', principal, { year: 2028, from: 'template' })).body;
  const taken = await call(server.url, 'PATCH', `/api/reports/${id}`, principal, { title: ` ${lastYear.title} ` });
  expect(taken.status).toBe(409);
  expect(taken.body).toMatchObject({ error: 'title_taken', message: `已有同名报告「${lastYear.title}」，请换一个标题` });
  expect((await call(server.url, 'PATCH', `/api/reports/${id}`, principal, { title: '  ' })).status).toBe(400);
  expect((await view(id)).title).toBe('2028年度部门整体支出绩效自评报告');

  const renamed = await call<ReportView>(server.url, 'PATCH', `/api/reports/${id}`, principal, { title: '2028年度自评报告（修订稿）' });
  expect(renamed.status).toBe(200);
  expect(renamed.body.title).toBe('2028年度自评报告（修订稿）');
  const listed = (await getJson<{ reports: { id: string; title: string }[] }>(server.url, '/api/reports', principal)).reports;
  expect(listed.find((r) => r.id === id)?.title).toBe('2028年度自评报告（修订稿）');
  // Keeping its own title is no conflict.
  expect((await call(server.url, 'PATCH', `/api/reports/${id}`, principal, { title: '2028年度自评报告（修订稿）' })).status).toBe(200);
});

test('a new report under a title the school already has is refused with the reason, and nothing is created', async () => {
  const first = await call<{ id: string }>(server.url, 'POST', '/api/reports', principal, { year: 2029, from: 'template' });
  expect(first.status).toBe(201);
  const count = async () => (await getJson<{ reports: unknown[] }>(server.url, '/api/reports', principal)).reports.length;
  const before = await count();

  // Left blank, the title is the year's usual one, which the first report took.
  const again = await call(server.url, 'POST', '/api/reports', principal, { year: 2029, from: 'template' });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ error: 'title_taken', message: '已有同名报告「2029年度部门整体支出绩效自评报告」，请换一个标题' });
  const carried = await call(server.url, 'POST', '/api/reports', principal, { year: 2030, from: lastYear.id, title: lastYear.title });
  expect(carried.status).toBe(409);
  expect(await count()).toBe(before);

  const named = await call(server.url, 'POST', '/api/reports', principal, { year: 2029, from: 'template', title: '2029年度部门整体支出绩效自评报告（补充）' });
  expect(named.status).toBe(201);
  expect(await count()).toBe(before + 1);
});
