import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD, sectionRoomName } from '../../shared/rooms.js';
import { apiClient } from '../helpers/api.js';
import { connectSection, demoReport, eventually, login, sleep, storedDoc, waitForSync } from '../helpers/clients.js';
import { RawClient } from '../helpers/rawClient.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

test('a quiet read-only viewer keeps receiving traffic and is not dropped', async () => {
  server = await startTestServer({ config: { keepaliveMs: 150 } });
  const { token } = await login(server.url, 'jiaoxue');
  const report = await demoReport(server.url, token);
  const viewer = await RawClient.connect(`${server.collabUrl}/${sectionRoomName({ reportId: report.id, sectionKey: 'basic-info' })}?token=${token}`);
  await sleep(100);
  const initial = viewer.frames.length;
  await sleep(1000);
  // Several keepalives in a second: empty awareness updates, harmless to a y-websocket client.
  expect(viewer.frames.length - initial).toBeGreaterThanOrEqual(4);
  expect(viewer.frames.slice(initial).every((f) => f[0] === 1 && f[1] === 1 && f[2] === 0)).toBe(true);
  expect(viewer.closed).toBeNull();
  viewer.close();
});

test('a document with no connections unloads after the grace period and loads again intact', async () => {
  server = await startTestServer({ config: { unloadGraceMs: 200 } });
  const { token } = await login(server.url, 'zonghe');
  const report = await demoReport(server.url, token);
  const collab = server.server.collab;
  const client = connectSection(server.collabUrl, token, report.id, 'basic-info');
  await waitForSync(client.provider);
  client.text.insert(0, '卸载前写入的内容');
  await eventually(() => collab.loadedRoomCount, (n) => n === 1);
  await sleep(100);
  client.destroy();
  await eventually(() => collab.loadedRoomCount, (n) => n === 0, 3000);
  // Unloading compacts the log into one snapshot (the room stops serving before that finishes).
  const name = sectionRoomName({ reportId: report.id, sectionKey: 'basic-info' });
  await eventually(() => server!.server.store.documents.count(name), (n) => n === 1);
  const stored = await server.server.store.documents.load(name);
  expect(stored.snapshotStateVector).toEqual(Y.encodeStateVectorFromUpdate(stored.updates[0]!));

  const again = connectSection(server.collabUrl, token, report.id, 'basic-info');
  await waitForSync(again.provider);
  expect(again.text.toString()).toBe('卸载前写入的内容');
  again.destroy();
});

test('a section that was edited leaves an automatic version when it unloads; one that was only read leaves none', async () => {
  server = await startTestServer({ config: { unloadGraceMs: 200 } });
  const { token } = await login(server.url, 'zonghe');
  const report = await demoReport(server.url, token);
  const api = apiClient(server.url, token);
  const versionsOf = async (key: string) =>
    (await api('GET', `/api/reports/${report.id}/sections/${key}/versions`)).body.versions as { kind: string; editors: string[] }[];

  const writer = connectSection(server.collabUrl, token, report.id, 'basic-info');
  const reader = connectSection(server.collabUrl, token, report.id, 'problems');
  await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
  writer.text.insert(0, '离开前写下的一句。');
  await eventually(async () => (await storedDoc(server!.server.store.documents, report.id, 'basic-info')).get('text', Y.XmlText).toString(),
    (t) => t === '离开前写下的一句。');
  writer.destroy();
  reader.destroy();
  await eventually(() => server!.server.collab.loadedRoomCount, (n) => n === 0, 3000);

  expect(await versionsOf('basic-info')).toMatchObject([{ kind: 'auto', editors: ['综合事务部'] }]);
  expect(await versionsOf('problems')).toEqual([]);
});

test('a freshly built section that is only read is stored, after its unload, as a snapshot with its state vector, and reads the same', async () => {
  server = await startTestServer({ config: { unloadGraceMs: 200 } });
  const { token } = await login(server.url, 'jiaoxue');
  const report = await demoReport(server.url, token);
  const name = sectionRoomName({ reportId: report.id, sectionKey: 'basic-info' });
  const seeded = await server.server.store.documents.load(name);
  // The report's builder stores each section as one update, not as a snapshot.
  expect(seeded.updates).toHaveLength(1);
  expect(seeded.snapshotStateVector).toBeNull();

  const reader = connectSection(server.collabUrl, token, report.id, 'basic-info');
  await waitForSync(reader.provider);
  const content = reader.doc.getXmlFragment(DOCUMENT_FIELD).toString();
  expect(content).toContain('paragraph');
  reader.destroy();
  await eventually(async () => (await server!.server.store.documents.load(name)).snapshotStateVector, (v) => v !== null, 3000);
  const kept = await server.server.store.documents.load(name);
  expect(kept.updates).toHaveLength(1);
  expect(kept.snapshotStateVector).toEqual(Y.encodeStateVectorFromUpdate(kept.updates[0]!));

  const again = connectSection(server.collabUrl, token, report.id, 'basic-info');
  await waitForSync(again.provider);
  expect(again.doc.getXmlFragment(DOCUMENT_FIELD).toString()).toBe(content);
  again.destroy();
});

test('a busy document is compacted in the background and loses nothing', async () => {
  server = await startTestServer({ config: { compactAfterUpdates: 20 } });
  const { token } = await login(server.url, 'zonghe');
  const report = await demoReport(server.url, token);
  const client = connectSection(server.collabUrl, token, report.id, 'basic-info');
  await waitForSync(client.provider);
  for (let i = 0; i < 100; i++) {
    client.text.insert(client.text.length, `${i},`);
    await sleep(2);
  }
  const name = sectionRoomName({ reportId: report.id, sectionKey: 'basic-info' });
  const expected = Array.from({ length: 100 }, (_, i) => `${i},`).join('');
  await eventually(async () => {
    const doc = new Y.Doc();
    for (const u of (await server!.server.store.documents.load(name)).updates) Y.applyUpdate(doc, u);
    return doc.get('text', Y.XmlText).toString();
  }, (s) => s === expected);
  await eventually(() => server!.server.store.documents.count(name), (n) => n < 40);
  client.destroy();
});

test('a compaction that finishes late, after more typing was stored, is followed by another', async () => {
  server = await startTestServer({ config: { compactAfterUpdates: 20 } });
  const documents = server.server.store.documents;
  // The first compaction does its work at once but reports back only when the typing is over,
  // as on a busy host: the rows stored meanwhile are still there, uncompacted.
  const compact = documents.compact.bind(documents);
  let finishFirst!: () => void;
  const firstMayFinish = new Promise<void>((resolve) => { finishFirst = resolve; });
  let compactions = 0;
  documents.compact = async (docName) => {
    const first = ++compactions === 1;
    await compact(docName);
    if (first) await firstMayFinish;
  };
  const { token } = await login(server.url, 'zonghe');
  const report = await demoReport(server.url, token);
  const client = connectSection(server.collabUrl, token, report.id, 'basic-info');
  await waitForSync(client.provider);
  const name = sectionRoomName({ reportId: report.id, sectionKey: 'basic-info' });
  for (let i = 0; i < 100; i++) {
    client.text.insert(client.text.length, `${i},`);
    await sleep(2);
  }
  await eventually(() => documents.count(name), (n) => n > 40);
  finishFirst();
  const expected = Array.from({ length: 100 }, (_, i) => `${i},`).join('');
  await eventually(async () => {
    const doc = new Y.Doc();
    for (const u of (await documents.load(name)).updates) Y.applyUpdate(doc, u);
    return doc.get('text', Y.XmlText).toString();
  }, (s) => s === expected);
  await eventually(() => documents.count(name), (n) => n < 20);
  expect(compactions).toBeGreaterThan(1);
  client.destroy();
});

test('after an unload, a returning client with its own copy and offline edits gets what it lacks and sends what it has', async () => {
  server = await startTestServer({ config: { unloadGraceMs: 100 } });
  const { token } = await login(server.url, 'zonghe');
  const report = await demoReport(server.url, token);
  const collab = server.server.collab;
  const name = sectionRoomName({ reportId: report.id, sectionKey: 'improvements' });

  const returning = connectSection(server.collabUrl, token, report.id, 'improvements');
  await waitForSync(returning.provider);
  returning.text.insert(0, '共同的开头。');
  await eventually(async () => (await server!.server.store.documents.load(name)).updates.length, (n) => n > 0);
  returning.provider.disconnect();

  // Meanwhile someone else writes, leaves, and the section unloads (compacted into one snapshot).
  const other = connectSection(server.collabUrl, token, report.id, 'improvements');
  await waitForSync(other.provider);
  other.text.insert(other.text.length, '别人后来写的。');
  await sleep(100);
  other.destroy();
  await eventually(() => collab.loadedRoomCount, (n) => n === 0, 3000);
  await eventually(() => server!.server.store.documents.count(name), (n) => n === 1);

  // The returning client typed offline, then reconnects to the cold section.
  returning.text.insert(0, '离线时补充：');
  returning.provider.connect();
  await eventually(() => returning.text.toString(), (t) => t === '离线时补充：共同的开头。别人后来写的。');
  const fresh = connectSection(server.collabUrl, token, report.id, 'improvements');
  await waitForSync(fresh.provider);
  await eventually(() => fresh.text.toString(), (t) => t === '离线时补充：共同的开头。别人后来写的。');
  returning.destroy();
  fresh.destroy();
});
