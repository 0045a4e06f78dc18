import { afterAll, beforeAll, expect, test } from 'vitest';
import { sectionRoomName } from '../../shared/rooms.js';
import { AckingWriter, writtenNumbers } from '../helpers/ackingWriter.js';
import { apiClient } from '../helpers/api.js';
import { spawnServer, type ChildServer } from '../helpers/childServer.js';
import { connectSection, demoReport, eventually, login, sleep, waitForSync, type SectionClient } from '../helpers/clients.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { RawClient } from '../helpers/rawClient.js';
import { DEMO_PASSWORD, tempDataDir } from '../helpers/server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let a: ChildServer;
let b: ChildServer;

beforeAll(async () => {
  db = await createTestDatabase();
  const env = { DATABASE_URL: db.url, REDIS_URL, UNLOAD_GRACE_MS: '500' };
  // The first instance seeds the demo school into the shared database; the second finds it.
  a = await spawnServer(tempDataDir(), env);
  b = await spawnServer(tempDataDir(), env);
});
afterAll(async () => {
  for (const s of [a, b]) s?.proc.kill('SIGKILL');
  await Promise.all([a?.exited, b?.exited]);
  await db?.drop();
});

test('clients spread over two instances edit one section and converge', async () => {
  const principalA = (await login(a.url, 'principal')).token;
  const zongheB = (await login(b.url, 'zonghe')).token;
  const report = await demoReport(a.url, principalA);
  const clients: SectionClient[] = [];
  for (let i = 0; i < 6; i++) {
    const [server, token] = i % 2 === 0 ? [a, principalA] : [b, zongheB];
    clients.push(connectSection(server.collabUrl, token, report.id, 'basic-info'));
  }
  await Promise.all(clients.map((c) => waitForSync(c.provider)));
  for (let round = 0; round < 20; round++) {
    for (const [i, c] of clients.entries()) c.text.insert(round % 3 === 0 ? 0 : c.text.length, `${i}:${round} `);
    await sleep(5);
  }
  const texts = await eventually(() => clients.map((c) => c.text.toString()), (all) => all.every((t) => t === all[0]), 10_000);
  expect(texts[0]!.split(' ').filter(Boolean)).toHaveLength(120);

  // Presence crosses instances too, stamped by the instance the user is on.
  clients[1]!.provider.awareness.setLocalStateField('cursor', { at: 1 });
  await eventually(() => [...clients[0]!.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string })?.name === '综合事务部'), Boolean);
  for (const c of clients) c.destroy();
});

test('signing out, or being disabled, on one instance closes the sockets held on the other', async () => {
  const principalToken = (await login(a.url, 'principal')).token;
  const principal = apiClient(a.url, principalToken);
  const report = await demoReport(a.url, principalToken);
  const roomOnB = (token: string) => `${b.collabUrl}/${sectionRoomName({ reportId: report.id, sectionKey: 'problems' })}?token=${token}`;

  const { token } = await login(a.url, 'xuesheng');
  const signedOut = await RawClient.connect(roomOnB(token));
  await sleep(200);
  expect(signedOut.closed).toBeNull();
  expect((await fetch(`${a.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
  expect(await signedOut.waitClose(10_000)).toEqual({ code: 4401, reason: 'signed out' });

  const user = (await principal('GET', '/api/users')).body.users.find((u: { username: string }) => u.username === 'xuesheng');
  const disabled = await RawClient.connect(roomOnB((await login(a.url, 'xuesheng')).token));
  await sleep(200);
  expect(disabled.closed).toBeNull();
  expect((await principal('PATCH', `/api/users/${user.id}`, { disabled: true })).status).toBe(200);
  expect((await disabled.waitClose(10_000)).code).toBe(4403);
  expect((await principal('PATCH', `/api/users/${user.id}`, { disabled: false })).status).toBe(200);
});

test('a section sent for review on one instance turns read-only for its writers on the other', async () => {
  const { token } = await login(a.url, 'zonghe');
  const report = await demoReport(a.url, token);
  // Only a section socket on B: the report's page (and its meta room) is on A, or nowhere.
  const writer = await AckingWriter.open(b.collabUrl, token, report.id, 'improvements');
  writer.write(1);
  await eventually(() => writer.acknowledged(), (done) => done.includes(1));
  expect((await apiClient(a.url, token)('POST', `/api/reports/${report.id}/sections/improvements/submit`)).status).toBe(204);
  // The news crosses Redis in milliseconds; without it B would take this edit however long it waited.
  await sleep(500);
  writer.write(2);
  await sleep(1000);
  expect(writer.acknowledged()).toEqual([1]);
  const reader = connectSection(a.collabUrl, (await login(a.url, 'principal')).token, report.id, 'improvements');
  await waitForSync(reader.provider);
  expect([...writtenNumbers(reader.text.toString())]).toEqual([1]);
  reader.destroy();
  writer.raw.close();
});

test('the login limit holds across instances: wrong passwords on either lock the username on both', async () => {
  const attempt = (server: ChildServer, password: string) => fetch(`${server.url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'houqin', password }),
  });
  for (let i = 0; i < 5; i++) expect((await attempt(i % 2 === 0 ? a : b, `wrong-${i}`)).status).toBe(401);
  expect((await attempt(a, DEMO_PASSWORD)).status).toBe(429);
  expect((await attempt(b, DEMO_PASSWORD)).status).toBe(429);
});

test('an instance killed with SIGKILL mid-edit loses no acknowledged update; its clients carry on at the other', async () => {
  const tokenA = (await login(a.url, 'jiaoxue')).token;
  const tokenB = (await login(b.url, 'jiaoxue')).token;
  const report = await demoReport(a.url, tokenA);
  const onA = await AckingWriter.open(a.collabUrl, tokenA, report.id, 'performance');
  const readerOnB = connectSection(b.collabUrl, tokenB, report.id, 'performance');
  await waitForSync(readerOnB.provider);

  let i = 0;
  const pump = setInterval(() => onA.write(i++), 2);
  await eventually(() => onA.acknowledged().length, (n) => n >= 100, 15_000);
  a.proc.kill('SIGKILL');
  const acknowledged = onA.acknowledged();
  clearInterval(pump);
  await a.exited;

  // Before the writer comes back, the surviving instance already has every acknowledged edit.
  await eventually(() => writtenNumbers(readerOnB.text.toString()), (got) => acknowledged.every((n) => got.has(n)), 5000);

  // The writer reconnects to the surviving instance with its own document, as a provider would.
  const resumed = connectSection(b.collabUrl, tokenB, report.id, 'performance', { doc: onA.local });
  await waitForSync(resumed.provider);
  resumed.text.insert(resumed.text.length, '[after]');
  const seen = await eventually(() => readerOnB.text.toString(), (t) => t.includes('[after]'), 10_000);
  const present = writtenNumbers(seen);
  // Even unacknowledged edits the writer still held arrive once it reconnects.
  expect(present.size).toBe(i);
  resumed.destroy();
  readerOnB.destroy();
});
