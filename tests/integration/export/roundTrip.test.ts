import { afterAll, beforeAll, expect, test } from 'vitest';
import { login } from '../../helpers/clients.js';
import { referenceReportBytes } from '../../helpers/referenceReport.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await login(server.url, 'principal')).token;
});
afterAll(async () => { await server?.close(); });

/** Heading and list numbers at the start of a line: the importer renumbers these (and says so). */
const NUMBER = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*/;

/** The text of a report as one string: numbering set aside, whitespace dropped. */
const canonical = (lines: string[]) => lines.map((line) => line.trim().replace(NUMBER, '')).join('').replace(/\s+/g, '');

test('import the reference report, export Markdown: the text is the original apart from the reported normalisations', async () => {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(referenceReportBytes())]), '2024-report.txt');
  const res = await fetch(`${server.url}/api/reports/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(201);
  const { id, normalisations } = await res.json() as { id: string; normalisations: string[] };
  expect(normalisations).toEqual(expect.arrayContaining([
    expect.stringContaining('标题'), expect.stringContaining('第二部分编号缺失'), expect.stringContaining('（2）'),
    '开头的「附件4」已记为附件编号：导出时首行写「附件4」（可在导出菜单中更改）',
  ]));

  // The report remembers that it is 附件4: an export that does not say otherwise starts with it.
  const exported = (attachment?: string) => fetch(`${server.url}/api/reports/${id}/export?format=md${attachment === undefined ? '' : `&attachment=${attachment}`}`,
    { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
  expect(await exported('')).not.toMatch(/^附件4$/m);
  const markdown = await exported();
  expect(markdown).toMatch(/^附件4$/m);
  const lines = markdown.split('\n');
  // The draft marking and its list of open problems are the export's own additions.
  const body = lines.slice(0, lines.findIndex((l) => l.startsWith('## 草稿'))).filter((l) => !l.startsWith('> **草稿**'))
    .map((l) => l.replace(/^#+\s*/, '').replace(/\\([.*_#|-])/g, '$1'));
  const original = new TextDecoder().decode(referenceReportBytes()).split('\n');
  expect(canonical(body)).toBe(canonical(original));

  // And the numbering is the app's: consecutive, although the source skipped 二.
  const sections = lines.filter((l) => l.startsWith('## ') && !l.startsWith('## 草稿')).map((l) => l.slice(3, l.indexOf('、')));
  expect(sections).toEqual(['一', '二', '三', '四', '五', '六', '七', '八']);
  expect(lines).toContain('### （二）项目支出情况');
});
