import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { sectionRoomName } from '../../shared/rooms.js';
import { signInAll, type ApiClient } from '../helpers/api.js';
import { connectSection, demoReport, eventually, sleep, waitForSync, type SectionClient } from '../helpers/clients.js';
import { RawClient, syncFrame } from '../helpers/rawClient.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { paragraphs, writeParagraphs } from '../helpers/tiptapDoc.js';

let server: TestServer;
let reportId: string;
let api: Record<string, ApiClient>;
let tokens: Record<string, string>;
const open: SectionClient[] = [];

beforeAll(async () => {
  // Sections stay loaded for the whole file: an unload in the middle of a test (a slow host
  // between two steps) would add an automatic version and change the histories asserted here.
  server = await startTestServer({ config: { unloadGraceMs: 10 * 60_000 } });
  ({ tokens, api } = await signInAll(server.url, ['principal', 'zonghe', 'jiaoxue', 'xuesheng', 'houqin']));
  reportId = (await demoReport(server.url, tokens.zonghe!)).id;
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server?.close();
});

const sectionOf = async (user: string, key: string) =>
  ((await api[user]!('GET', `/api/reports/${reportId}`)).body.sections as any[]).find((s) => s.key === key);
const act = (user: string, key: string, action: string, body?: unknown) =>
  api[user]!('POST', `/api/reports/${reportId}/sections/${key}/${action}`, body ?? {});

/** Whether a raw update from this user to this section gets through the gate now. */
async function canWriteThroughGate(user: string, key: string): Promise<boolean> {
  const marker = `gate-${Math.random()}`;
  const raw = await RawClient.connect(`${server.collabUrl}/${sectionRoomName({ reportId, sectionKey: key })}?token=${tokens[user]}`);
  const doc = new Y.Doc();
  doc.getMap('probe').set(marker, true);
  raw.send(syncFrame(2, Y.encodeStateAsUpdate(doc)));
  await sleep(250);
  raw.close();
  const stored = new Y.Doc();
  for (const u of (await server.server.store.documents.load(sectionRoomName({ reportId, sectionKey: key }))).updates) Y.applyUpdate(stored, u);
  return stored.getMap('probe').has(marker);
}

test('草稿 → 已提交 → 退回 → 已提交 → 已通过, each step only by whom it belongs to', async () => {
  // A department head cannot submit another department's section, nor approve or return anything.
  expect((await act('jiaoxue', 'problems', 'submit')).status).toBe(403);
  expect((await act('xuesheng', 'problems', 'approve')).status).toBe(403);
  expect((await act('principal', 'problems', 'approve')).status).toBe(409);

  expect((await act('xuesheng', 'problems', 'submit')).status).toBe(204);
  expect(await sectionOf('xuesheng', 'problems')).toMatchObject({ status: 'submitted', canEdit: false, canSubmit: true });
  expect(await canWriteThroughGate('xuesheng', 'problems')).toBe(false);
  expect((await act('xuesheng', 'problems', 'approve')).status).toBe(403);
  expect((await act('xuesheng', 'problems', 'return', { reason: '自己退回' })).status).toBe(403);

  // Returning needs a reason, which becomes a comment on the section.
  expect((await act('principal', 'problems', 'return', {})).status).toBe(400);
  expect((await act('principal', 'problems', 'return', { reason: '问题分析不够具体，请补充原因。' })).status).toBe(204);
  const note = ((await api.xuesheng!('GET', `/api/reports/${reportId}/threads`)).body.threads as any[]).find((t) => t.sectionKey === 'problems');
  expect(note.comments[0]).toMatchObject({ body: '退回原因：问题分析不够具体，请补充原因。', author: { name: '校长' } });

  // A returned section is editable again, on screen and through the gate.
  expect(await sectionOf('xuesheng', 'problems')).toMatchObject({ status: 'returned', canEdit: true });
  expect(await canWriteThroughGate('xuesheng', 'problems')).toBe(true);

  expect((await act('xuesheng', 'problems', 'submit')).status).toBe(204);
  expect((await act('principal', 'problems', 'approve')).status).toBe(204);
  expect(await sectionOf('xuesheng', 'problems')).toMatchObject({ status: 'approved', canEdit: false });
  // The report list shows the progress.
  expect((await api.principal!('GET', '/api/reports')).body.reports[0]).toMatchObject({ approvedCount: 1, sectionCount: 8, finalized: false });
  expect(await canWriteThroughGate('xuesheng', 'problems')).toBe(false);

  const transitions = (await api.zonghe!('GET', `/api/reports/${reportId}/transitions`)).body.transitions as any[];
  expect(transitions.map((t) => `${t.from}>${t.to}:${t.actor}`)).toEqual([
    'draft>submitted:学生发展部', 'submitted>returned:校长', 'returned>submitted:学生发展部', 'submitted>approved:校长',
  ]);
  expect(transitions.every((t) => t.at > 0)).toBe(true);
  // Submitting and approving each left a version.
  const versions = (await api.xuesheng!('GET', `/api/reports/${reportId}/sections/problems/versions`)).body.versions as any[];
  expect(versions.map((v) => v.kind)).toEqual(['approve', 'submit', 'submit']);
});

test('an open editor loses write access the moment its section is submitted', async () => {
  const editor = connectSection(server.collabUrl, tokens.zonghe!, reportId, 'improvements');
  open.push(editor);
  await waitForSync(editor.provider);
  writeParagraphs(editor.doc, ['提交前写的内容']);
  await eventually(async () => canWriteThroughGate('principal', 'improvements'), Boolean);
  expect((await act('zonghe', 'improvements', 'submit')).status).toBe(204);
  await sleep(200);
  writeParagraphs(editor.doc, ['提交后偷偷改的内容']);
  await sleep(300);
  const reader = connectSection(server.collabUrl, tokens.jiaoxue!, reportId, 'improvements');
  open.push(reader);
  await waitForSync(reader.provider);
  expect(paragraphs(reader.doc)).toEqual(['提交前写的内容']);
});

test('a socket whose admission raced a submit of its section does not keep write access', async () => {
  // Hold houqin's admission between its rights check (still 草稿, writable) and its joining the room.
  const { reports } = server.server;
  const roomAccess = reports.roomAccess.bind(reports);
  let checked!: () => void;
  let release!: () => void;
  const accessChecked = new Promise<void>((resolve) => { checked = resolve; });
  const held = new Promise<void>((resolve) => { release = resolve; });
  reports.roomAccess = async (actor, id, key) => {
    const access = await roomAccess(actor, id, key);
    if (actor.username === 'houqin' && key === 'fund-budget') {
      checked();
      await held;
    }
    return access;
  };
  try {
    const connecting = RawClient.connect(`${server.collabUrl}/${sectionRoomName({ reportId, sectionKey: 'fund-budget' })}?token=${tokens.houqin}`);
    await accessChecked;
    expect((await act('houqin', 'fund-budget', 'submit')).status).toBe(204);
    release();
    const raw = await connecting;
    await sleep(300);
    const doc = new Y.Doc();
    doc.getMap('probe').set('after-submit', true);
    raw.send(syncFrame(2, Y.encodeStateAsUpdate(doc)));
    await sleep(300);
    raw.close();
  } finally {
    reports.roomAccess = roomAccess;
  }
  const stored = new Y.Doc();
  for (const update of (await server.server.store.documents.load(sectionRoomName({ reportId, sectionKey: 'fund-budget' }))).updates) Y.applyUpdate(stored, update);
  expect(stored.getMap('probe').get('after-submit')).toBeUndefined();
});

test('定稿 makes every section read-only for everyone, the principal too, until reopened', async () => {
  expect((await api.zonghe!('POST', `/api/reports/${reportId}/finalize`)).status).toBe(403);
  expect((await api.principal!('POST', `/api/reports/${reportId}/finalize`)).status).toBe(204);
  const report = (await api.principal!('GET', `/api/reports/${reportId}`)).body;
  expect(report.finalized).toBe(true);
  expect(report.sections.every((s: { canEdit: boolean }) => !s.canEdit)).toBe(true);
  expect(await canWriteThroughGate('principal', 'basic-info')).toBe(false);
  expect(await canWriteThroughGate('zonghe', 'basic-info')).toBe(false);
  expect((await act('principal', 'improvements', 'approve')).status).toBe(403);
  expect((await api.principal!('GET', `/api/reports/${reportId}/sections/basic-info/versions`)).body.versions[0].kind).toBe('finalize');

  expect((await api.principal!('POST', `/api/reports/${reportId}/reopen`)).status).toBe(204);
  expect(await canWriteThroughGate('principal', 'basic-info')).toBe(true);
  expect(await canWriteThroughGate('zonghe', 'basic-info')).toBe(true);
});

test('restore brings the old text back in every open client, and the replaced text stays in the history', async () => {
  const a = connectSection(server.collabUrl, tokens.jiaoxue!, reportId, 'performance');
  const b = connectSection(server.collabUrl, tokens.principal!, reportId, 'performance');
  open.push(a, b);
  await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
  writeParagraphs(a.doc, ['第一稿：全年工作取得显著成效。']);
  await eventually(() => paragraphs(b.doc), (p) => p[0] === '第一稿：全年工作取得显著成效。');
  expect((await api.jiaoxue!('POST', `/api/reports/${reportId}/sections/performance/versions`, { name: '提交给财政局的版本' })).status).toBe(201);
  writeParagraphs(a.doc, ['第二稿：全年工作成效明显。', '新增一段。']);
  await eventually(() => paragraphs(b.doc), (p) => p.length === 2);

  let versions = (await api.jiaoxue!('GET', `/api/reports/${reportId}/sections/performance/versions`)).body.versions as any[];
  const named = versions.find((v) => v.name === '提交给财政局的版本');
  expect(named).toMatchObject({ kind: 'manual', actor: '教学教研部', editors: ['教学教研部'] });
  expect((await api.jiaoxue!('GET', `/api/versions/${named.id}`)).body.content.content[0].content[0].text).toBe('第一稿：全年工作取得显著成效。');

  const diff = (await api.principal!('GET', `/api/versions/${named.id}/diff?against=current`)).body;
  expect(diff.editors).toEqual(['教学教研部']);
  expect(diff.blocks[0].kind).toBe('changed');
  expect(diff.blocks[0].segments.filter((s: { op: string }) => s.op === 'delete').map((s: { text: string }) => s.text).join('')).toContain('一');
  expect(diff.blocks[1]).toEqual({ kind: 'added', text: '新增一段。' });

  // A reader cannot restore a section they may not edit.
  expect((await api.zonghe!('POST', `/api/versions/${named.id}/restore`)).status).toBe(403);
  expect((await api.jiaoxue!('POST', `/api/versions/${named.id}/restore`)).status).toBe(204);
  for (const client of [a, b]) await eventually(() => paragraphs(client.doc), (p) => p.length === 1 && p[0] === '第一稿：全年工作取得显著成效。');

  versions = (await api.jiaoxue!('GET', `/api/reports/${reportId}/sections/performance/versions`)).body.versions as any[];
  const replaced = versions.find((v) => v.kind === 'restore');
  const kept = (await api.jiaoxue!('GET', `/api/versions/${replaced.id}`)).body.content.content.map((p: any) => p.content[0].text);
  expect(kept).toEqual(['第二稿：全年工作成效明显。', '新增一段。']);
  // The editors keep working after the restore.
  writeParagraphs(b.doc, ['恢复后继续编辑。']);
  await eventually(() => paragraphs(a.doc), (p) => p[0] === '恢复后继续编辑。');
});
