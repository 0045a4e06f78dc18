import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../../shared/rooms.js';
import { exportUrl } from '../../../client/src/report/export-menu.js';
import { exportCommand } from '../../../server/export/exportCommand.js';
import { apiClient } from '../../helpers/api.js';
import { connectSection, demoReport, eventually, login, storedDoc, waitForSync, type SectionClient } from '../../helpers/clients.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { commentedText, selection, writeParagraphs } from '../../helpers/tiptapDoc.js';
import { docxParts, paragraphs, part } from './support/docxParts.js';

let server: TestServer;
let reportId: string;
const api: Record<string, ReturnType<typeof apiClient>> = {};
const tokens: Record<string, string> = {};
const open: SectionClient[] = [];

const TEXT = '基本支出预算为769.78万元，实际支出为769.78万元。';

beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['principal', 'houqin', 'zonghe']) {
    tokens[user] = (await login(server.url, user)).token;
    api[user] = apiClient(server.url, tokens[user]!);
  }
  reportId = (await demoReport(server.url, tokens.principal!)).id;
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server?.close();
});

async function exportDocx(query: string): Promise<Map<string, string>> {
  const res = await fetch(`${server.url}/api/reports/${reportId}/export?format=docx${query}`, { headers: { authorization: `Bearer ${tokens.principal}` } });
  expect(res.status).toBe(200);
  return docxParts(new Uint8Array(await res.arrayBuffer()));
}

/** Waits until the stored section document carries every given thread's mark (the export reads the store). */
async function storedWithAnchors(threadIds: string[], sectionKey = 'general-budget') {
  const doc = await eventually(() => storedDoc(server.server.store.documents, reportId, sectionKey),
    (stored) => threadIds.every((id) => commentedText(stored, id) !== ''));
  doc.destroy();
}

test('?comments=open carries the open threads as Word comments on their text; resolved ones and plain exports have none', async () => {
  const owner = connectSection(server.collabUrl, tokens.houqin!, reportId, 'general-budget');
  open.push(owner);
  await waitForSync(owner.provider);
  writeParagraphs(owner.doc, [TEXT]);
  // The server has the text (the export reads what is stored) before anyone comments on it.
  await eventually(async () => {
    const stored = await storedDoc(server.server.store.documents, reportId, 'general-budget');
    const text = stored.getXmlFragment(DOCUMENT_FIELD).toString();
    stored.destroy();
    return text;
  }, (text) => text.includes(TEXT));

  // 校长 asks about 769.78万元 (positions 8..16), 后勤服务部 answers; a second thread on 实际支出 gets resolved.
  const asked = await api.principal!('POST', `/api/reports/${reportId}/sections/general-budget/threads`, { ...selection(owner.doc, 8, 16), body: '请核对' });
  expect(asked.status).toBe(201);
  const thread = asked.body.thread;
  expect(thread.quote).toBe('769.78万元');
  expect((await api.houqin!('POST', `/api/threads/${thread.id}/comments`, { body: '已核对' })).status).toBe(201);
  const done = (await api.zonghe!('POST', `/api/reports/${reportId}/sections/general-budget/threads`, { ...selection(owner.doc, 17, 21), body: '已解决的意见' })).body.thread;
  expect(done.quote).toBe('实际支出');
  expect((await api.houqin!('POST', `/api/threads/${done.id}/resolve`)).status).toBe(204);
  // An overlapping open thread on 万元, inside the first one's words.
  const unit = (await api.zonghe!('POST', `/api/reports/${reportId}/sections/general-budget/threads`, { ...selection(owner.doc, 14, 16), body: '单位是万元吗' })).body.thread;
  expect(unit.quote).toBe('万元');
  await storedWithAnchors([thread.id, done.id, unit.id]);

  const withComments = await exportDocx('&comments=open');
  const comments = part(withComments, 'word/comments.xml');
  expect(comments).toMatch(/w:author="校长"/);
  const commentTexts = paragraphs(comments).map((p) => p.text);
  expect(commentTexts).toEqual(['校长：请核对', '后勤服务部：已核对', '综合事务部：单位是万元吗']);
  expect(comments).toMatch(/w:author="综合事务部"/);
  expect(comments).not.toContain('已解决的意见');
  // Two comments, each anchored on its own words in the body (the ranges overlap).
  expect(comments.match(/<w:comment /g)).toHaveLength(2);
  const documentXml = part(withComments, 'word/document.xml');
  const rangeText = (id: number) => {
    const anchored = new RegExp(`<w:commentRangeStart w:id="${id}"/>([\\s\\S]*?)<w:commentRangeEnd w:id="${id}"/>`).exec(documentXml);
    expect(anchored, `comment range ${id} in document.xml`).not.toBeNull();
    return [...anchored![1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  };
  expect(rangeText(0)).toBe('769.78万元');
  expect(rangeText(1)).toBe('万元');
  expect(documentXml).toMatch(/<w:commentReference w:id="0"\/>/);
  expect(documentXml).toMatch(/<w:commentReference w:id="1"\/>/);
  expect(documentXml.match(/<w:commentRangeStart /g)).toHaveLength(2);
  // The paragraph still reads as written.
  expect(paragraphs(documentXml).map((p) => p.text)).toContain(TEXT);

  // The editor's 「导出」 menu links: a plain GET with the session cookie, comments=open only for Word.
  const menuWithComments = { openComments: true, attachment: '' };
  expect(exportUrl(reportId, 'docx', menuWithComments)).toBe(`/api/reports/${reportId}/export?format=docx&attachment=&comments=open`);
  expect(exportUrl(reportId, 'pdf', menuWithComments)).toBe(`/api/reports/${reportId}/export?format=pdf&attachment=`);
  const viaMenu = (url: string) => fetch(`${server.url}${url}`, { headers: { cookie: `gongxie_session=${tokens.principal}` } });
  const viaCookie = await viaMenu(exportUrl(reportId, 'docx', menuWithComments));
  expect(viaCookie.status).toBe(200);
  expect(docxParts(new Uint8Array(await viaCookie.arrayBuffer())).has('word/comments.xml')).toBe(true);
  // 作为附件 4: 「附件4」 is the document's first line (GB/T 9704).
  const asAttachment = await viaMenu(exportUrl(reportId, 'docx', { openComments: false, attachment: '4' }));
  expect(asAttachment.status).toBe(200);
  expect(paragraphs(part(docxParts(new Uint8Array(await asAttachment.arrayBuffer())), 'word/document.xml'))[0]!.text).toBe('附件4');

  // Without the option there is no comments part and no anchors; other formats ignore it.
  const plain = await exportDocx('');
  expect([...plain.keys()].some((name) => name.includes('comments'))).toBe(false);
  expect(part(plain, 'word/document.xml')).not.toContain('commentRange');
  const md = await fetch(`${server.url}/api/reports/${reportId}/export?format=md&comments=open`, { headers: { authorization: `Bearer ${tokens.principal}` } });
  expect(md.status).toBe(200);
  expect(await md.text()).not.toContain('请核对');
  const bad = await fetch(`${server.url}/api/reports/${reportId}/export?format=docx&comments=all`, { headers: { authorization: `Bearer ${tokens.principal}` } });
  expect(bad.status).toBe(400);

  // The CLI's --comments open gives the same part.
  const out = `${server.dataDir}/cli-comments.docx`;
  await exportCommand(server.server.store, [reportId, '--format', 'docx', '--out', out, '--comments', 'open'], { print: () => {} });
  const fs = await import('node:fs/promises');
  const cliParts = docxParts(new Uint8Array(await fs.readFile(out)));
  expect(paragraphs(part(cliParts, 'word/comments.xml')).map((p) => p.text)).toEqual(['校长：请核对', '后勤服务部：已核对', '综合事务部：单位是万元吗']);

  // Resolving the last open threads leaves nothing to carry: no comments part at all.
  expect((await api.houqin!('POST', `/api/threads/${thread.id}/resolve`)).status).toBe(204);
  expect((await api.houqin!('POST', `/api/threads/${unit.id}/resolve`)).status).toBe(204);
  const allResolved = await exportDocx('&comments=open');
  expect(allResolved.has('word/comments.xml')).toBe(false);
});

test('a thread on words of a sub-heading becomes a Word comment on that heading', async () => {
  const owner = connectSection(server.collabUrl, tokens.houqin!, reportId, 'fund-budget');
  open.push(owner);
  await waitForSync(owner.provider);
  const fragment = owner.doc.getXmlFragment(DOCUMENT_FIELD);
  owner.doc.transact(() => {
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 3 as unknown as string);
    heading.insert(0, [new Y.XmlText('基金预算收支情况')]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('本年度无政府性基金预算收支。')]);
    fragment.delete(0, fragment.length);
    fragment.insert(0, [heading, paragraph]);
  });
  await eventually(async () => {
    const stored = await storedDoc(server.server.store.documents, reportId, 'fund-budget');
    const text = stored.getXmlFragment(DOCUMENT_FIELD).toString();
    stored.destroy();
    return text;
  }, (text) => text.includes('基金预算收支情况'));

  // 校长 selects 基金预算 inside the heading (positions 1..5).
  const asked = await api.principal!('POST', `/api/reports/${reportId}/sections/fund-budget/threads`, { ...selection(owner.doc, 1, 5), body: '标题请与表名一致' });
  expect(asked.status).toBe(201);
  expect(asked.body.thread.quote).toBe('基金预算');
  await storedWithAnchors([asked.body.thread.id], 'fund-budget');

  const parts = await exportDocx('&comments=open');
  expect(paragraphs(part(parts, 'word/comments.xml')).map((p) => p.text)).toContain('校长：标题请与表名一致');
  const documentXml = part(parts, 'word/document.xml');
  const id = /<w:comment w:id="(\d+)"[^>]*>(?:(?!<\/w:comment>)[\s\S])*标题请与表名一致/.exec(part(parts, 'word/comments.xml'))?.[1];
  expect(id).toBeDefined();
  const anchored = new RegExp(`<w:commentRangeStart w:id="${id}"/>([\\s\\S]*?)<w:commentRangeEnd w:id="${id}"/>`).exec(documentXml);
  expect([...anchored![1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe('（一）基金预算收支情况');
  expect((await api.principal!('POST', `/api/threads/${asked.body.thread.id}/resolve`)).status).toBe(204);
});
