import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { metaRoomName, sectionRoomName } from '../../shared/rooms.js';
import { apiClient, signInAll, type ApiClient } from '../helpers/api.js';
import { connectSection, demoReport, eventually, login, sleep, waitForSync, type SectionClient } from '../helpers/clients.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { commentedText, paragraphText, paragraphs, selection, writeParagraphs } from '../helpers/tiptapDoc.js';

let server: TestServer;
let reportId: string;
let api: Record<string, ApiClient>;
let tokens: Record<string, string>;
const open: SectionClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ tokens, api } = await signInAll(server.url, ['principal', 'zonghe', 'jiaoxue', 'houqin']));
  reportId = (await demoReport(server.url, tokens.zonghe!)).id;
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server?.close();
});

/** The section as the server stored it: the comment API anchors against the server's copy. */
async function storedParagraphs(key: string): Promise<string[]> {
  const doc = new Y.Doc();
  for (const update of (await server.server.store.documents.load(sectionRoomName({ reportId, sectionKey: key }))).updates) Y.applyUpdate(doc, update);
  return paragraphs(doc);
}

function connect(user: string, key: string) {
  const client = connectSection(server.collabUrl, tokens[user]!, reportId, key);
  open.push(client);
  return client;
}

test('a read-only user comments while the owner types: the anchor lands on the selected text and stays on it', async () => {
  const owner = connect('zonghe', 'improvements');
  const reader = connect('jiaoxue', 'improvements');
  await Promise.all([waitForSync(owner.provider), waitForSync(reader.provider)]);
  writeParagraphs(owner.doc, ['加强预算编制的科学性，提高预算执行率。']);
  await eventually(() => paragraphs(reader.doc)[0], (t) => t === '加强预算编制的科学性，提高预算执行率。');

  // jiaoxue selects 预算执行率 (ProseMirror positions 14..19) in a section they may not edit …
  const picked = selection(reader.doc, 14, 19);
  // … while the owner keeps typing before and after the selection.
  const typing = (async () => {
    for (let i = 0; i < 20; i++) {
      paragraphText(owner.doc, 0).insert(0, '一');
      paragraphText(owner.doc, 0).insert(paragraphText(owner.doc, 0).length, '二');
      await sleep(5);
    }
  })();
  const created = await api.jiaoxue!('POST', `/api/reports/${reportId}/sections/improvements/threads`, { ...picked, body: '执行率的目标值是多少？' });
  await typing;
  expect(created.status).toBe(201);
  const thread = created.body.thread;
  expect(thread).toMatchObject({ quote: '预算执行率', author: { name: '教学教研部' }, detached: false });

  // Every editor shows the highlight on exactly those words, and it follows them as typing goes on.
  for (const client of [owner, reader]) await eventually(() => commentedText(client.doc, thread.id), (t) => t === '预算执行率');
  paragraphText(owner.doc, 0).insert(paragraphText(owner.doc, 0).toString().indexOf('提高'), '进一步');
  await eventually(() => paragraphs(reader.doc)[0], (t) => t!.includes('进一步提高预算执行率'));
  expect(commentedText(reader.doc, thread.id)).toBe('预算执行率');
  // The read-only user's document changed only through the server: the gate still holds for them.
  const before = paragraphs(owner.doc)[0];
  paragraphText(reader.doc, 0).insert(0, '篡改');
  await sleep(200);
  expect(paragraphs(owner.doc)[0]).toBe(before);
});

test('overlapping comments, replies, resolve and reopen; deleted text leaves the thread detached with its quote', async () => {
  const owner = connect('houqin', 'general-budget');
  await waitForSync(owner.provider);
  writeParagraphs(owner.doc, ['基本支出预算为769.78万元，实际支出为769.78万元。']);
  await eventually(() => storedParagraphs('general-budget'), (stored) => stored[0] === '基本支出预算为769.78万元，实际支出为769.78万元。');
  const first = (await api.principal!('POST', `/api/reports/${reportId}/sections/general-budget/threads`, { ...selection(owner.doc, 8, 16), body: '请核对 @后勤服务部' })).body.thread;
  const second = (await api.zonghe!('POST', `/api/reports/${reportId}/sections/general-budget/threads`, { ...selection(owner.doc, 14, 16), body: '单位是万元吗' })).body.thread;
  expect(first.quote).toBe('769.78万元');
  expect(second.quote).toBe('万元');
  await eventually(() => [commentedText(owner.doc, first.id), commentedText(owner.doc, second.id)], ([a, b]) => a === '769.78万元' && b === '万元');

  // The mentioned department finds it in 需要我处理; others do not.
  expect((await api.houqin!('GET', '/api/inbox')).body.threads.map((t: { id: string }) => t.id)).toContain(first.id);
  expect((await api.jiaoxue!('GET', '/api/inbox')).body.threads.map((t: { id: string }) => t.id)).not.toContain(first.id);

  expect((await api.houqin!('POST', `/api/threads/${first.id}/comments`, { body: '已核对，无误。' })).status).toBe(201);
  // Only the section's owner or the principal resolves; the zonghe head is neither here.
  expect((await api.zonghe!('POST', `/api/threads/${first.id}/resolve`)).status).toBe(403);
  expect((await api.houqin!('POST', `/api/threads/${first.id}/resolve`)).status).toBe(204);
  let threads = (await api.principal!('GET', `/api/reports/${reportId}/threads`)).body.threads as any[];
  const resolved = threads.find((t) => t.id === first.id);
  expect(resolved.resolved).toMatchObject({ by: '后勤服务部' });
  expect(resolved.comments.map((c: { body: string }) => c.body)).toEqual(['请核对 @后勤服务部', '已核对，无误。']);
  expect((await api.principal!('POST', `/api/threads/${first.id}/reopen`)).status).toBe(204);

  // The owner deletes the figure: the thread stays, detached, with its quote.
  paragraphText(owner.doc, 0).delete(7, 9);
  threads = await eventually(async () => (await api.principal!('GET', `/api/reports/${reportId}/threads`)).body.threads as any[],
    (list) => list.find((t) => t.id === first.id)?.detached === true);
  expect(threads.find((t) => t.id === first.id)).toMatchObject({ quote: '769.78万元', resolved: null });
});

test('only the author edits or deletes a comment; the author cannot be forged; other schools are refused', async () => {
  const owner = connect('zonghe', 'basic-info');
  await waitForSync(owner.provider);
  writeParagraphs(owner.doc, ['我校在编教师58人。']);
  await sleep(100);
  const forged = await api.jiaoxue!('POST', `/api/reports/${reportId}/sections/basic-info/threads`, {
    ...selection(owner.doc, 1, 3), body: '冒名', author: 'principal', authorId: 'someone-else',
  });
  expect(forged.status).toBe(400);

  const thread = (await api.jiaoxue!('POST', `/api/reports/${reportId}/sections/basic-info/threads`, { ...selection(owner.doc, 1, 3), body: '原文' })).body.thread;
  const commentId = thread.comments[0].id;
  expect((await api.principal!('PATCH', `/api/comments/${commentId}`, { body: '校长改的' })).status).toBe(403);
  expect((await api.principal!('DELETE', `/api/comments/${commentId}`)).status).toBe(403);
  expect((await api.jiaoxue!('PATCH', `/api/comments/${commentId}`, { body: '修改后' })).status).toBe(204);
  const after = ((await api.zonghe!('GET', `/api/reports/${reportId}/threads`)).body.threads as any[]).find((t) => t.id === thread.id);
  expect(after.comments[0]).toMatchObject({ body: '修改后', author: { name: '教学教研部' }, mine: false });
  expect(after.comments[0].editedAt).toBeGreaterThan(0);

  await server.server.store.orgs.create({ id: 'school-x', name: '外校' }, ['综合事务部']);
  await server.server.accounts.createUser({ orgId: 'school-x', username: 'outsider', displayName: '外校校长', role: 'principal', department: null, password: DEMO_PASSWORD });
  const outsider = apiClient(server.url, (await login(server.url, 'outsider')).token);
  expect((await outsider('POST', `/api/reports/${reportId}/sections/basic-info/threads`, { ...selection(owner.doc, 1, 3), body: 'x' })).status).toBe(404);
  expect((await outsider('GET', `/api/reports/${reportId}/threads`)).status).toBe(404);
  expect((await outsider('POST', `/api/threads/${thread.id}/comments`, { body: 'x' })).status).toBe(404);
});

test('everyone viewing the report hears of a new comment live, through the meta room', async () => {
  const owner = connect('zonghe', 'basic-info');
  await waitForSync(owner.provider);
  // The meta room is a read-only room like any other.
  const meta = new Y.Doc();
  const provider = new WebsocketProvider(server.collabUrl, metaRoomName(reportId), meta, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token: tokens.houqin! }, disableBc: true,
  });
  await waitForSync(provider);
  const before = meta.getMap('revisions').get('comments');
  await api.principal!('POST', `/api/reports/${reportId}/sections/basic-info/threads`, { ...selection(owner.doc, 1, 3), body: '实时' });
  await eventually(() => meta.getMap('revisions').get('comments'), (value) => value !== before);
  provider.destroy();
});
