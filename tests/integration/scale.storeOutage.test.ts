import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { metaRoomName, sectionRoomName } from '../../shared/rooms.js';
import { AckingWriter, writtenNumbers } from '../helpers/ackingWriter.js';
import { apiClient } from '../helpers/api.js';
import { spawnServer, type ChildServer } from '../helpers/childServer.js';
import { connectSection, demoReport, eventually, login, sleep, waitForSync } from '../helpers/clients.js';
import { createTestDatabase, proxiedDatabase } from '../helpers/postgres.js';
import { RawClient } from '../helpers/rawClient.js';
import { PrivateRedis } from '../helpers/redisServer.js';
import { tempDataDir } from '../helpers/server.js';
import type { TcpProxy } from '../helpers/tcpProxy.js';

/*
 * PostgreSQL is the record, so an instance that loses it can neither check anyone's rights nor
 * catch up on what the relay lost. It must stay up, let nobody write what it cannot authorize,
 * and put things right once it is back. A reaches PostgreSQL through a proxy the test can cut;
 * B directly; both share a private Redis the test can restart empty.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: PrivateRedis;
let proxyForA: TcpProxy;
let a: ChildServer;
let b: ChildServer;
const closers: (() => void)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  redis = await PrivateRedis.start();
  const throughProxy = await proxiedDatabase(db.url);
  proxyForA = throughProxy.proxy;
  b = await spawnServer(tempDataDir(), { DATABASE_URL: db.url, REDIS_URL: redis.url });
  a = await spawnServer(tempDataDir(), { DATABASE_URL: throughProxy.url, REDIS_URL: redis.url });
});
afterAll(async () => {
  for (const close of closers) close();
  for (const s of [a, b]) s?.proc.kill('SIGKILL');
  await Promise.all([a?.exited, b?.exited]);
  await proxyForA?.cut();
  await redis?.crash();
  await db?.drop();
});

test('an instance cut off from PostgreSQL when a section is submitted elsewhere stays up, refuses its writers meanwhile, and gives back only what is still theirs', async () => {
  const principal = (await login(b.url, 'principal')).token;
  const report = await demoReport(b.url, principal);
  const zonghe = (await login(a.url, 'zonghe')).token;
  // On A: 综合事务部 writing its section about to be submitted, 后勤服务部 writing one that is not,
  // and the report's page (its meta room), so that A hears of the submission both ways.
  const submitted = await AckingWriter.open(a.collabUrl, zonghe, report.id, 'improvements');
  const untouched = await AckingWriter.open(a.collabUrl, (await login(a.url, 'houqin')).token, report.id, 'fund-budget');
  const page = await RawClient.connect(`${a.collabUrl}/${metaRoomName(report.id)}?token=${zonghe}`);
  closers.push(() => submitted.raw.close(), () => untouched.raw.close(), () => page.close());
  submitted.write(1);
  untouched.write(1);
  await eventually(() => [submitted.acknowledged(), untouched.acknowledged()], ([x, y]) => x!.includes(1) && y!.includes(1));

  await proxyForA.cut();
  try {
    expect((await apiClient(b.url, (await login(b.url, 'zonghe')).token)('POST', `/api/reports/${report.id}/sections/improvements/submit`)).status).toBe(204);
    await eventually(() => a.logs.some((entry) => entry.event === 'collab.access_refresh_failed'), Boolean, 10_000);
    // Rights A cannot read are no rights: the edit is dropped. (Taken, it would fail to commit
    // and close the socket.)
    submitted.write(2);
    await sleep(300);
    expect(submitted.raw.closed).toBeNull();
    expect(a.proc.exitCode).toBeNull();
  } finally {
    await proxyForA.heal();
  }
  await eventually(() => a.logs.some((entry) => entry.event === 'collab.access_refresh_recovered'), Boolean, 15_000);

  // 后勤服务部's section is still theirs, and takes their edits again; the submitted one does not.
  untouched.write(2);
  await eventually(() => untouched.acknowledged(), (done) => done.includes(2));
  // At the start, so that the edit does not build on the dropped one.
  submitted.local.get('text', Y.XmlText).insert(0, '[3]');
  await sleep(500);
  expect(submitted.acknowledged()).toEqual([1]);
  const reader = connectSection(b.collabUrl, principal, report.id, 'improvements');
  closers.push(() => reader.destroy());
  await waitForSync(reader.provider);
  expect([...writtenNumbers(reader.text.toString())]).toEqual([1]);
  expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
});

test('an instance that must catch up while it cannot read its store tries again until it can: edits Redis lost reach its clients', async () => {
  const principal = (await login(a.url, 'principal')).token;
  const report = await demoReport(a.url, principal);
  const writer = await AckingWriter.open(b.collabUrl, (await login(b.url, 'jiaoxue')).token, report.id, 'performance');
  const reader = connectSection(a.collabUrl, principal, report.id, 'performance');
  closers.push(() => writer.raw.close(), () => reader.destroy());
  await waitForSync(reader.provider);
  writer.write(0);
  await eventually(() => writtenNumbers(reader.text.toString()).has(0), Boolean);

  // Redis dies with B's next edits unrelayed; when it is back, A must fetch them from PostgreSQL,
  // which A cannot reach just then: both reasons to catch up (A's reader reconnecting, and B's
  // notice of what it could not publish) come and go while A is cut off.
  await redis.crash();
  for (let i = 1; i <= 5; i++) writer.write(i);
  await eventually(() => writer.acknowledged().length, (n) => n === 6);
  await proxyForA.cut();
  const room = sectionRoomName({ reportId: report.id, sectionKey: 'performance' });
  const failedCatchUps = () => a.logs.filter((entry) => entry.event === 'room.catch_up_failed' && entry.room === room).length;
  try {
    await redis.start();
    await eventually(failedCatchUps, (n) => n >= 2, 20_000);
    expect(writtenNumbers(reader.text.toString()).size).toBe(1);
  } finally {
    await proxyForA.heal();
  }
  await eventually(() => writtenNumbers(reader.text.toString()).size, (n) => n === 6, 15_000);
});
