import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sectionRoomName } from '../../shared/rooms.js';
import { AckingWriter, writtenNumbers } from '../helpers/ackingWriter.js';
import { apiClient } from '../helpers/api.js';
import { spawnServer, type ChildServer } from '../helpers/childServer.js';
import { connectSection, demoReport, eventually, login, sleep, waitForSync, type SectionClient } from '../helpers/clients.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { RawClient, awarenessEntriesOf, awarenessFrameOf, awarenessUpdateOf } from '../helpers/rawClient.js';
import { PrivateRedis } from '../helpers/redisServer.js';
import { tempDataDir } from '../helpers/server.js';
import { TcpProxy } from '../helpers/tcpProxy.js';

/*
 * Redis relays each room between instances, but it is not where anything is kept: a stream is
 * trimmed, Redis may restart empty, one instance may lose it for a while. Whatever an instance
 * misses from the relay must reach it from PostgreSQL. A reaches Redis through a proxy the
 * tests can cut; B directly. Both keep streams short, so that a pause of B outruns one.
 */
const STREAM_LENGTH = 50;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: PrivateRedis;
let proxyForA: TcpProxy;
let a: ChildServer;
let b: ChildServer;
let reportId: string;
/** Clients to close after the file. */
const closers: (() => void)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  redis = await PrivateRedis.start();
  proxyForA = await TcpProxy.start(redis.port);
  const env = { DATABASE_URL: db.url, UNLOAD_GRACE_MS: '500', REDIS_STREAM_LENGTH: String(STREAM_LENGTH) };
  a = await spawnServer(tempDataDir(), { ...env, REDIS_URL: `redis://127.0.0.1:${proxyForA.port}` });
  b = await spawnServer(tempDataDir(), { ...env, REDIS_URL: redis.url });
  reportId = (await demoReport(a.url, (await login(a.url, 'principal')).token)).id;
});
afterAll(async () => {
  for (const close of closers) close();
  for (const s of [a, b]) {
    s?.proc.kill('SIGCONT');
    s?.proc.kill('SIGKILL');
  }
  await Promise.all([a?.exited, b?.exited]);
  await proxyForA?.cut();
  await redis?.crash();
  await db?.drop();
});

/** A writer on A and a reader on B in one section, the reader already holding the first edit. */
async function writerOnAReaderOnB(username: string, sectionKey: string): Promise<{ writer: AckingWriter; reader: SectionClient }> {
  const writer = await AckingWriter.open(a.collabUrl, (await login(a.url, username)).token, reportId, sectionKey);
  const reader = connectSection(b.collabUrl, (await login(b.url, 'principal')).token, reportId, sectionKey);
  closers.push(() => writer.raw.close(), () => reader.destroy());
  await waitForSync(reader.provider);
  writer.write(0);
  await eventually(() => writtenNumbers(reader.text.toString()).has(0), Boolean);
  return { writer, reader };
}

/** Writes from..from+count-1 and waits until they are all acknowledged. */
async function writeAcknowledged(writer: AckingWriter, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) writer.write(i);
  await eventually(() => writer.acknowledged().length, (n) => n >= from + count, 30_000);
}

const everyNumberUpTo = (last: number) => (got: Set<number>) => got.size === last + 1 && got.has(last);

test('an instance paused until its room\'s stream was trimmed past it catches up from PostgreSQL', async () => {
  const { writer, reader } = await writerOnAReaderOnB('zonghe', 'basic-info');
  b.proc.kill('SIGSTOP');
  try {
    await writeAcknowledged(writer, 1, 400);
    // The stream really did drop entries B had not read yet.
    const inspector = new Redis(redis.url);
    const stream = `gongxie:room:${sectionRoomName({ reportId, sectionKey: 'basic-info' })}`;
    expect(await inspector.xlen(stream)).toBeLessThan(400);
    inspector.disconnect();
  } finally {
    b.proc.kill('SIGCONT');
  }
  await eventually(() => writtenNumbers(reader.text.toString()), everyNumberUpTo(400), 15_000);
});

test('an instance cut off from Redis still opens sections, and the others catch up once it is back: its edits, sign-outs and reviews arrive', async () => {
  const { writer, reader } = await writerOnAReaderOnB('xuesheng', 'problems');
  // xuesheng also has this section open on B, in a session about to be signed out on A.
  const doomedToken = (await login(a.url, 'xuesheng')).token;
  const doomed = await RawClient.connect(`${b.collabUrl}/${sectionRoomName({ reportId, sectionKey: 'problems' })}?token=${doomedToken}`);
  closers.push(() => doomed.close());

  // jiaoxue's section is open on B only, until jiaoxue opens it on A while A is cut off.
  const performanceOnB = connectSection(b.collabUrl, (await login(b.url, 'principal')).token, reportId, 'performance');
  closers.push(() => performanceOnB.destroy());
  await waitForSync(performanceOnB.provider);

  // houqin writes a section on B, which A sends for review while cut off: B must stop taking its edits.
  const houqinToken = (await login(a.url, 'houqin')).token;
  const budgetOnB = await AckingWriter.open(b.collabUrl, houqinToken, reportId, 'fund-budget');
  closers.push(() => budgetOnB.raw.close());
  await writeAcknowledged(budgetOnB, 0, 1);

  await proxyForA.cut();
  try {
    await writeAcknowledged(writer, 1, 20);
    expect((await fetch(`${a.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${doomedToken}` } })).status).toBe(204);
    expect((await apiClient(a.url, houqinToken)('POST', `/api/reports/${reportId}/sections/fund-budget/submit`)).status).toBe(204);
    const opened = await AckingWriter.open(a.collabUrl, (await login(a.url, 'jiaoxue')).token, reportId, 'performance');
    closers.push(() => opened.raw.close());
    await writeAcknowledged(opened, 0, 5);
    // Nothing crossed over while A was cut off.
    expect(writtenNumbers(reader.text.toString()).size).toBe(1);
    expect(writtenNumbers(performanceOnB.text.toString()).size).toBe(0);
    expect(doomed.closed).toBeNull();
  } finally {
    await proxyForA.heal();
  }
  await eventually(() => writtenNumbers(reader.text.toString()), everyNumberUpTo(20), 20_000);
  await eventually(() => writtenNumbers(performanceOnB.text.toString()), everyNumberUpTo(4), 20_000);
  expect(await doomed.waitClose(20_000)).toEqual({ code: 4401, reason: 'signed out' });
  // The same catch-up re-asks the policy for B's sockets: the submitted section is read-only.
  await sleep(1000);
  budgetOnB.write(1);
  await sleep(1000);
  expect(budgetOnB.acknowledged()).toEqual([0]);
});

test('after Redis restarts empty, an instance that missed entries in the lost streams catches up, and relaying goes on', async () => {
  const { writer, reader } = await writerOnAReaderOnB('zonghe', 'improvements');
  b.proc.kill('SIGSTOP');
  try {
    // A publishes these while B is paused; then Redis dies with them unread by B.
    await writeAcknowledged(writer, 1, 20);
    await redis.crash();
    await redis.start();
  } finally {
    b.proc.kill('SIGCONT');
  }
  await eventually(() => writtenNumbers(reader.text.toString()), everyNumberUpTo(20), 20_000);
  // The relay works on the new, empty Redis.
  writer.write(21);
  await eventually(() => writtenNumbers(reader.text.toString()), everyNumberUpTo(21), 20_000);
});

test('a section opened while cut off from Redis shows no presence that expired in its stream long ago', async () => {
  const room = sectionRoomName({ reportId, sectionKey: 'state-capital-budget' });
  // An instance that died five minutes ago, its last word a caret in this section: no removal followed.
  const inspector = new Redis(redis.url);
  const ghost = { clientId: 4242, clock: 7, state: { user: { id: 'gone', name: '已离开的人' } } };
  const fiveMinutesAgo = `${Date.now() - 5 * 60_000}-0`;
  await inspector.xadd(`gongxie:room:${room}`, fiveMinutesAgo, 'i', 'dead-instance', 'k', 'a', 'd', Buffer.from(awarenessUpdateOf([ghost])));
  inspector.disconnect();

  const principalOnA = (await login(a.url, 'principal')).token;
  await proxyForA.cut();
  const onA = await RawClient.connect(`${a.collabUrl}/${room}?token=${principalOnA}`);
  closers.push(() => onA.close());
  try {
    // The room has opened (without a position in its stream) once A answers with its sync step 1.
    await eventually(() => onA.syncTypes().includes(0), Boolean, 20_000);
  } finally {
    await proxyForA.heal();
  }
  // A reads the stream from its start once Redis is back: a caret set on B after the ghost's entry
  // reaches A's reader only after the ghost's entry has been read.
  const onB = await RawClient.connect(`${b.collabUrl}/${room}?token=${(await login(b.url, 'houqin')).token}`);
  closers.push(() => onB.close());
  onB.send(awarenessFrameOf([{ clientId: 777, clock: 1, state: { cursor: null } }]));
  const presentOnA = () => new Set(onA.frames.flatMap(awarenessEntriesOf).map((entry) => entry.clientId));
  await eventually(presentOnA, (ids) => ids.has(777), 20_000);
  expect(presentOnA().has(ghost.clientId)).toBe(false);
});
