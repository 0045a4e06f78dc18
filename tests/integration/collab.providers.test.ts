import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectSection, demoReport, eventually, login, storedDoc, waitForSync, type SectionClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const clients: SectionClient[] = [];

beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

function open(token: string, reportId: string, key: string) {
  const client = connectSection(server.collabUrl, token, reportId, key);
  clients.push(client);
  return client;
}

test('two department heads edit their own sections at once and a third client sees both', async () => {
  const zonghe = await login(server.url, 'zonghe');
  const jiaoxue = await login(server.url, 'jiaoxue');
  const principal = await login(server.url, 'principal');
  const report = await demoReport(server.url, zonghe.token);

  const a = open(zonghe.token, report.id, 'basic-info');
  const b = open(jiaoxue.token, report.id, 'performance');
  await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);

  a.text.insert(0, '我校在编教师58人');
  b.text.insert(0, '2024年工作取得显著成效');
  a.text.format(0, 2, { bold: true });

  const seesBasic = open(principal.token, report.id, 'basic-info');
  const seesPerformance = open(principal.token, report.id, 'performance');
  await eventually(() => seesBasic.text.toString(), (s) => s === '<bold>我校</bold>在编教师58人');
  await eventually(() => seesPerformance.text.toString(), (s) => s === '2024年工作取得显著成效');

  // What the third client sees is what the server stored.
  const stored = await storedDoc(server.server.store.documents, report.id, 'performance');
  expect(stored.get('text', (await import('yjs')).XmlText).toString()).toBe('2024年工作取得显著成效');
});

test('the report lists which sections each user may edit, matching the gate', async () => {
  const jiaoxue = await login(server.url, 'jiaoxue');
  const report = await demoReport(server.url, jiaoxue.token);
  const editable = report.sections.filter((s) => s.canEdit).map((s) => s.key);
  expect(editable).toEqual(['performance']);
  expect(report.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八']);

  const principal = await login(server.url, 'principal');
  const all = await demoReport(server.url, principal.token);
  expect(all.sections.every((s) => s.canEdit)).toBe(true);
});
