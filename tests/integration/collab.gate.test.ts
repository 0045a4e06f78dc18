import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { sectionRoomName } from '../../shared/rooms.js';
import { connectSection, demoReport, eventually, login, sleep, storedDoc, waitForSync } from '../helpers/clients.js';
import { RawClient, awarenessEntriesOf, awarenessFrameOf, syncFrame } from '../helpers/rawClient.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let reportId: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens = {};
  for (const user of ['zonghe', 'jiaoxue', 'principal']) tokens[user] = (await login(server.url, user)).token;
  reportId = (await demoReport(server.url, tokens.zonghe!)).id;
});
afterAll(async () => { await server?.close(); });

const roomUrl = (key: string, token: string) => `${server.collabUrl}/${sectionRoomName({ reportId, sectionKey: key })}?token=${token}`;

function craftedUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, [new Y.XmlText(text)]);
  doc.get('text', Y.XmlText).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

test("a department head's crafted updates to another department's section change nothing anywhere", async () => {
  // The owner is in the room and has written something.
  const owner = connectSection(server.collabUrl, tokens.jiaoxue!, reportId, 'performance');
  await waitForSync(owner.provider);
  // The section's document as seeded from the imported report, before anyone tampers with it.
  const document = owner.doc.getXmlFragment('default').toJSON();
  expect(document).toContain('整体支出绩效情况');
  owner.text.insert(0, '教学教研部的内容');
  const watcher = connectSection(server.collabUrl, tokens.principal!, reportId, 'performance');
  await waitForSync(watcher.provider);
  await eventually(() => watcher.text.toString(), (s) => s === '教学教研部的内容');
  // Acknowledged (stored and relayed) before the intruder arrives, so nothing legitimate reaches it later.
  await eventually(async () => (await storedDoc(server.server.store.documents, reportId, 'performance')).get('text', Y.XmlText).toString(),
    (s) => s === '教学教研部的内容');

  const intruder = await RawClient.connect(roomUrl('performance', tokens.zonghe!));
  await eventually(() => intruder.syncTypes(), (types) => types.includes(0));
  const received = intruder.frames.length;
  intruder.send(syncFrame(2, craftedUpdate('篡改')));
  intruder.send(syncFrame(1, craftedUpdate('再次篡改')));
  // Deleting the owner's text by forging a delete set.
  const forged = new Y.Doc();
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(owner.doc));
  forged.get('text', Y.XmlText).delete(0, 3);
  intruder.send(syncFrame(2, Y.encodeStateAsUpdate(forged)));
  await sleep(300);

  // The read-only connection stays open but gets nothing that looks like acceptance.
  expect(intruder.closed).toBeNull();
  expect(intruder.frames.slice(received).filter((f) => f[0] === 0)).toEqual([]);
  expect(owner.text.toString()).toBe('教学教研部的内容');
  expect(watcher.text.toString()).toBe('教学教研部的内容');
  expect(owner.doc.getXmlFragment('default').toJSON()).toBe(document);
  const stored = await storedDoc(server.server.store.documents, reportId, 'performance');
  expect(stored.get('text', Y.XmlText).toString()).toBe('教学教研部的内容');
  expect(stored.getXmlFragment('default').toJSON()).toBe(document);

  intruder.close();
  owner.destroy();
  watcher.destroy();

  // Nor after a restart.
  await server.close();
  server = await startTestServer({ dataDir: server.dataDir });
  tokens.principal = (await login(server.url, 'principal')).token;
  const after = connectSection(server.collabUrl, tokens.principal, reportId, 'performance');
  await waitForSync(after.provider);
  expect(after.text.toString()).toBe('教学教研部的内容');
  expect(after.doc.getXmlFragment('default').toJSON()).toBe(document);
  after.destroy();
});

test('a read-only connection receives the document and presence', async () => {
  tokens.jiaoxue = (await login(server.url, 'jiaoxue')).token;
  tokens.zonghe = (await login(server.url, 'zonghe')).token;
  const owner = connectSection(server.collabUrl, tokens.jiaoxue, reportId, 'problems');
  const reader = connectSection(server.collabUrl, tokens.zonghe, reportId, 'problems');
  // jiaoxue does not own 'problems' either; use the principal as the writer.
  const principal = connectSection(server.collabUrl, (await login(server.url, 'principal')).token, reportId, 'problems');
  await Promise.all([owner.provider, reader.provider, principal.provider].map((p) => waitForSync(p)));
  principal.text.insert(0, '预算与绩效管理');
  principal.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
  await eventually(() => reader.text.toString(), (s) => s === '预算与绩效管理');
  const seen = await eventually(
    () => [...reader.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name),
    (names) => names.includes('校长'),
  );
  expect(seen).toContain('校长');
  for (const c of [owner, reader, principal]) c.destroy();
});

test('a burst of caret moves reaches a reader as a frame or two that end with the last position', async () => {
  const writer = await RawClient.connect(roomUrl('improvements', tokens.zonghe!));
  const reader = await RawClient.connect(roomUrl('improvements', tokens.principal!));
  await sleep(200);
  const before = reader.frames.length;
  for (let clock = 1; clock <= 20; clock++) writer.send(awarenessFrameOf([{ clientId: 777001, clock, state: { cursor: { anchor: clock } } }]));
  const moves = () => reader.frames.slice(before).flatMap(awarenessEntriesOf).filter((entry) => entry.clientId === 777001);
  await eventually(() => moves().at(-1)?.clock, (clock) => clock === 20);
  expect(moves().at(-1)!.state).toMatchObject({ cursor: { anchor: 20 } });
  // Twenty changes sent at once are batched, not relayed one by one.
  expect(moves().length).toBeLessThanOrEqual(2);
  writer.close();
  reader.close();
});

test('presence is stamped with the real user and cannot claim another connection\'s client id', async () => {
  const principal = connectSection(server.collabUrl, (await login(server.url, 'principal')).token, reportId, 'improvements');
  await waitForSync(principal.provider);
  principal.provider.awareness.setLocalStateField('user', { name: '校长', color: '#c00' });

  const impostor = await RawClient.connect(roomUrl('improvements', tokens.zonghe!));
  // Claims to be the principal, under the principal's own client id and under a fresh one.
  impostor.send(awarenessFrameOf([
    { clientId: principal.doc.clientID, clock: 99, state: { user: { name: '伪造' } } },
    { clientId: 4242, clock: 1, state: { user: { name: '校长', id: 'x' }, cursor: null } },
  ]));
  await sleep(300);

  const states = principal.provider.awareness.getStates();
  expect((states.get(principal.doc.clientID)?.user as { name: string }).name).toBe('校长');
  expect(states.get(4242)?.user).toMatchObject({ name: '综合事务部', department: '综合事务部' });
  impostor.close();
  await eventually(() => principal.provider.awareness.getStates().has(4242), (has) => !has);
  principal.destroy();
});
