import { Redis } from 'ioredis';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sectionRoomName } from '../../shared/rooms.js';
import { apiClient } from '../helpers/api.js';
import { connectSection, demoReport, eventually, login, sleep, waitForSync } from '../helpers/clients.js';
import { createTestDatabase, proxiedDatabase } from '../helpers/postgres.js';
import { Logger } from '../../server/logger.js';
import { awarenessEntriesOf } from '../helpers/rawClient.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

/*
 * Behind a load balancer the editors of one section reach different instances, two in-process
 * instances here on PostgreSQL and Redis. The section's history must read as it would with one
 * server: one automatic version per interval and per editing session, naming everyone who
 * edited, not one per instance naming only its own editors. And what an instance relays for a
 * room is its clients' doing, never noise of its own.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AUTO_VERSION_MS = 1500;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  const config = { databaseUrl: db.url, redisUrl: REDIS_URL, unloadGraceMs: 300, autoVersionMs: AUTO_VERSION_MS };
  // The first instance seeds the demo school into the shared database; the second finds it.
  a = await startTestServer({ dataDir: tempDataDir(), config });
  b = await startTestServer({ dataDir: tempDataDir(), config });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
});

type VersionRow = { kind: string; createdAt: number; editors: string[] };

/** Two editors of one section: the principal through A, and its department's head through B. */
async function editorsOnBothInstances(sectionKey: string, departmentHead: string) {
  const principal = (await login(a.url, 'principal')).token;
  const head = (await login(b.url, departmentHead)).token;
  const report = await demoReport(a.url, principal);
  const onA = connectSection(a.collabUrl, principal, report.id, sectionKey);
  const onB = connectSection(b.collabUrl, head, report.id, sectionKey);
  await Promise.all([waitForSync(onA.provider), waitForSync(onB.provider)]);
  const versions = async () =>
    (await apiClient(a.url, principal)('GET', `/api/reports/${report.id}/sections/${sectionKey}/versions`)).body.versions as VersionRow[];
  return { onA, onB, versions };
}

test('an editing session spread over two instances leaves one automatic version, naming both editors', async () => {
  const { onA, onB, versions } = await editorsOnBothInstances('basic-info', 'zonghe');
  onA.text.insert(0, '校长经 A 写入。');
  onB.text.insert(0, '综合事务部经 B 写入。');
  await eventually(() => [onA.text.toString(), onB.text.toString()], ([x, y]) => x === y && x!.length > 15);
  // 综合事务部 leaves first and B unloads the section; the principal leaves a moment later.
  onB.destroy();
  await eventually(() => b.server.collab.loadedRoomCount, (n) => n === 0, 5000);
  onA.destroy();
  await eventually(() => a.server.collab.loadedRoomCount, (n) => n === 0, 5000);

  const autos = (await versions()).filter((v) => v.kind === 'auto');
  expect(autos).toHaveLength(1);
  expect(autos[0]!.editors.sort()).toEqual(['校长', '综合事务部'].sort());
});

test('while both instances hold the section, automatic versions come once per interval, each naming both editors', async () => {
  const { onA, onB, versions } = await editorsOnBothInstances('problems', 'xuesheng');
  const typingMs = AUTO_VERSION_MS * 4;
  for (let elapsed = 0; elapsed < typingMs; elapsed += 100) {
    onA.text.insert(onA.text.length, '甲');
    onB.text.insert(onB.text.length, '乙');
    await sleep(100);
  }
  const autos = (await versions()).filter((v) => v.kind === 'auto').sort((x, y) => x.createdAt - y.createdAt);
  onA.destroy();
  onB.destroy();

  // Independent timers on two instances would give about twice as many, some close together.
  expect(autos.length).toBeGreaterThanOrEqual(2);
  expect(autos.length).toBeLessThanOrEqual(4);
  for (const [i, version] of autos.entries()) {
    if (i > 0) expect(version.createdAt - autos[i - 1]!.createdAt).toBeGreaterThanOrEqual(AUTO_VERSION_MS);
    expect(version.editors.sort()).toEqual(['校长', '学生发展部'].sort());
  }
});

test('an instance relays the presence of its clients only, and nothing for a room after unloading it', async () => {
  const principal = (await login(a.url, 'principal')).token;
  const report = await demoReport(a.url, principal);
  const client = connectSection(b.collabUrl, (await login(b.url, 'houqin')).token, report.id, 'fund-budget');
  await waitForSync(client.provider);
  client.provider.awareness.setLocalStateField('cursor', { at: 0 });
  const stream = `gongxie:room:${sectionRoomName({ reportId: report.id, sectionKey: 'fund-budget' })}`;
  const redis = new Redis(REDIS_URL);
  try {
    const presence = async () => (await redis.xrangeBuffer(stream, '-', '+')).flatMap(([, fields]) => {
      const field = (name: string) => fields[fields.findIndex((f, i) => i % 2 === 0 && f.toString() === name) + 1];
      if (field('k')?.toString() !== 'a') return [];
      const frame = encoding.createEncoder();
      encoding.writeVarUint(frame, 1);
      encoding.writeVarUint8Array(frame, field('d')!);
      return awarenessEntriesOf(encoding.toUint8Array(frame));
    });
    await eventually(presence, (entries) => entries.length > 0);

    client.destroy();
    await eventually(() => b.server.collab.loadedRoomCount, (n) => n === 0, 5000);
    // Longer than the 40 ms for which presence is batched.
    await sleep(300);
    const relayed = await presence();
    expect(new Set(relayed.map((entry) => entry.clientId))).toEqual(new Set([client.provider.awareness.clientID]));
    expect(relayed.at(-1)!.state).toBeNull();
  } finally {
    redis.disconnect();
  }
});

test('an automatic version that cannot be stored leaves the instance up, and is taken once PostgreSQL is back, naming the same editor', async () => {
  // A third instance, reaching PostgreSQL through a proxy the test cuts.
  const { proxy, url: throughProxy } = await proxiedDatabase(db.url);
  const events: string[] = [];
  const log = new Logger('warn', {}, (line) => events.push((JSON.parse(line) as { event: string }).event));
  const c = await startTestServer({ log, config: { databaseUrl: throughProxy, redisUrl: REDIS_URL, unloadGraceMs: 300, autoVersionMs: AUTO_VERSION_MS } });
  const token = (await login(c.url, 'jiaoxue')).token;
  const report = await demoReport(c.url, token);
  const writer = connectSection(c.collabUrl, token, report.id, 'performance');
  const reader = connectSection(a.collabUrl, (await login(a.url, 'principal')).token, report.id, 'performance');
  try {
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    writer.text.insert(0, '断网前写下的一句。');
    await eventually(() => reader.text.toString(), (text) => text.includes('断网前'));
    await proxy.cut();
    try {
      await eventually(() => events, (seen) => seen.includes('versions.auto_failed'), AUTO_VERSION_MS * 3);
    } finally {
      await proxy.heal();
    }
    const versions = async () => ((await apiClient(a.url, token)('GET', `/api/reports/${report.id}/sections/performance/versions`)).body.versions as VersionRow[])
      .filter((v) => v.kind === 'auto');
    expect(await versions()).toEqual([]);
    const [version] = await eventually(versions, (autos) => autos.length > 0, AUTO_VERSION_MS * 3);
    expect(version!.editors).toEqual(['教学教研部']);
  } finally {
    writer.destroy();
    reader.destroy();
    await c.close();
    await proxy.cut();
  }
});
