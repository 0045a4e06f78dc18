import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReportView } from '../../shared/api.js';
import type { ImportedReport } from '../../shared/reportAdmin.js';
import { importReport, MAX_IMPORT_BYTES } from '../../server/import/index.js';
import { getJson, login, storedDoc } from '../helpers/clients.js';
import { call, contentOf, fileForm } from '../helpers/reportAdmin.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectNothingLost } from '../unit/import/importedText.js';

const FIXTURE = new URL('../../server/demo/2024-reference-report.txt', import.meta.url);
const bytes = new Uint8Array(readFileSync(FIXTURE));

let server: TestServer;
let principal: string;

beforeAll(async () => {
  server = await startTestServer();
  principal = (await login(server.url, 'principal')).token;
});
afterAll(async () => { await server?.close(); });

const reportCount = async () => (await getJson<{ reports: unknown[] }>(server.url, '/api/reports', principal)).reports.length;

test('the shipped demo fixture is the reference report of shared/fixtures', () => {
  const reference = new URL('../../../shared/fixtures/000_97e526535f8f5f0d.txt', import.meta.url);
  expect(readFileSync(FIXTURE)).toEqual(readFileSync(reference));
});

test('the principal imports the reference report: sections, owners, every character stored, normalisations returned', async () => {
  const before = await reportCount();
  const answer = await call<ImportedReport>(server.url, 'POST', '/api/reports/import', principal, fileForm(bytes, '2024年自评报告.txt'));
  expect(answer.status).toBe(201);
  expect(answer.body.normalisations).toEqual(importReport(bytes, '2024年自评报告.txt').normalisations);
  expect(answer.body.normalisations).toContain('标题分 2 行书写，已合并为一行');
  expect(await reportCount()).toBe(before + 1);

  const report = await getJson<ReportView>(server.url, `/api/reports/${answer.body.id}`, principal);
  expect(report).toMatchObject({ title: '2024年度株洲市二中南洲学校部门整体支出绩效自评报告', year: 2024 });
  expect(report.sections.map((s) => [s.number, s.key, s.department])).toEqual([
    ['一', 'basic-info', '综合事务部'],
    ['二', 'general-budget', '后勤服务部'],
    ['三', 'fund-budget', '后勤服务部'],
    ['四', 'state-capital-budget', '后勤服务部'],
    ['五', 'social-insurance-budget', '后勤服务部'],
    ['六', 'performance', '教学教研部'],
    ['七', 'problems', '学生发展部'],
    ['八', 'improvements', '综合事务部'],
  ]);

  // What the server stored (not what the importer returned) holds every character of the body.
  const sections = [];
  for (const section of report.sections) {
    const doc = await storedDoc(server.server.store.documents, report.id, section.key);
    sections.push({ key: section.key, title: section.title, department: section.department, content: contentOf(doc) });
  }
  expectNothingLost(new TextDecoder().decode(bytes), { title: report.title, year: 2024, attachmentLabel: null, sections, normalisations: [], amounts: [] });
});

test('bad uploads are refused with a reason in Chinese and create nothing', async () => {
  const before = await reportCount();
  const documentsBefore = (await server.server.store.documents.list()).length;
  const binary = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
  const refusals: Array<[string, FormData | unknown, number, string]> = [
    ['empty', fileForm(new Uint8Array(), 'a.txt'), 422, '文件是空的'],
    ['too large', fileForm(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41), 'a.txt'), 413, '文件过大'],
    ['binary', fileForm(binary, 'a.txt'), 422, '不是文本文件'],
    ['not a report', fileForm(new TextEncoder().encode('会议纪要\n今天讨论了运动会的安排。'), 'a.txt'), 422, '没有识别出自评报告的结构'],
    ['pdf', fileForm(new TextEncoder().encode('%PDF-1.7\n'), 'a.pdf'), 415, '暂不支持导入 PDF'],
    ['wrong field', fileForm(bytes, 'a.txt', 'upload'), 400, '没有收到文件'],
    ['not multipart', { file: 'x' }, 415, 'multipart/form-data'],
  ];
  for (const [name, body, status, message] of refusals) {
    const answer = await call<{ error: string; message: string }>(server.url, 'POST', '/api/reports/import', principal, body);
    expect([name, answer.status]).toEqual([name, status]);
    expect(answer.body.message, name).toContain(message);
    expect(answer.body.message, name).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(await reportCount()).toBe(before);
  expect((await server.server.store.documents.list()).length).toBe(documentsBefore);
});

test('only the principal imports: a department head is refused and nothing is created', async () => {
  const before = await reportCount();
  const houqin = (await login(server.url, 'houqin')).token;
  const answer = await call(server.url, 'POST', '/api/reports/import', houqin, fileForm(bytes, 'a.txt'));
  expect(answer.status).toBe(403);
  expect(await reportCount()).toBe(before);
});
