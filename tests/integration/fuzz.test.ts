import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { sectionRoomName } from '../../shared/rooms.js';
import { connectSection, demoReport, eventually, login, storedDoc, waitForSync, type SectionClient } from '../helpers/clients.js';
import { RawClient, syncFrame } from '../helpers/rawClient.js';
import { referenceReportBytes } from '../helpers/referenceReport.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Fixed seeds and counts: a failure replays exactly. */
function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => { s = (s * 1664525 + 1013904223) >>> 0; return Math.floor((s / 2 ** 32) * n); };
}

let server: TestServer;
let reportId: string;
let principal: string;
let zonghe: string;
let owner: SectionClient;

beforeAll(async () => {
  server = await startTestServer();
  principal = (await login(server.url, 'principal')).token;
  zonghe = (await login(server.url, 'zonghe')).token;
  reportId = (await demoReport(server.url, principal)).id;
  owner = connectSection(server.collabUrl, zonghe, reportId, 'basic-info');
  await waitForSync(owner.provider);
  owner.text.insert(0, '基本支出预算为769.78万元，实际支出为769.78万元。');
  await eventually(async () => (await storedDoc(server.server.store.documents, reportId, 'basic-info')).get('text', Y.XmlText).length, (n) => n > 0);
});
afterAll(async () => { owner?.destroy(); await server?.close(); });

test('300 mutated protocol frames from a read-only connection change no document and never crash the server', async () => {
  const rand = prng(7);
  // Real frames to mutate: a writer's update, a sync step 1, an awareness update.
  const source = new Y.Doc();
  source.get('text', Y.XmlText).insert(0, '篡改尝试');
  const seeds = [syncFrame(2, Y.encodeStateAsUpdate(source)), syncFrame(0, Y.encodeStateVector(source)), Uint8Array.of(1, 5, 1, 7, 1, 2, 123)];
  const url = `${server.collabUrl}/${sectionRoomName({ reportId, sectionKey: 'basic-info' })}?token=${(await login(server.url, 'jiaoxue')).token}`;
  const codes = new Map<number, number>();
  let client = await RawClient.connect(url);
  for (let i = 0; i < 300; i++) {
    const frame = Uint8Array.from(seeds[rand(seeds.length)]!);
    for (let flips = 1 + rand(4); flips > 0; flips--) frame[rand(frame.length)] = rand(256);
    const cut = rand(3) === 0 ? frame.subarray(0, rand(frame.length) + 1) : frame;
    if (client.closed) {
      codes.set(client.closed.code, (codes.get(client.closed.code) ?? 0) + 1);
      client = await RawClient.connect(url);
    }
    client.send(cut);
  }
  client.close();
  // Every refusal was a clean protocol close.
  expect([...codes.keys()].every((code) => code === 4400)).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const stored = await storedDoc(server.server.store.documents, reportId, 'basic-info');
  expect(stored.get('text', Y.XmlText).toString()).toBe('基本支出预算为769.78万元，实际支出为769.78万元。');
  expect(owner.text.toString()).toBe('基本支出预算为769.78万元，实际支出为769.78万元。');
});

const ROUTES: [string, string][] = [
  ['POST', '/api/session'], ['GET', '/api/session'], ['DELETE', '/api/session'],
  ['GET', '/api/reports'], ['GET', '/api/reports/REPORT'], ['GET', '/api/departments'],
  ['GET', '/api/users'], ['POST', '/api/users'], ['PATCH', '/api/users/USER'], ['POST', '/api/users/USER/password'],
  ['POST', '/api/reports/REPORT/sections/basic-info/submit'], ['POST', '/api/reports/REPORT/sections/basic-info/return'],
  ['POST', '/api/reports/REPORT/finalize'], ['GET', '/api/reports/REPORT/threads'], ['POST', '/api/reports/REPORT/sections/basic-info/threads'],
  ['POST', '/api/threads/USER/comments'], ['PATCH', '/api/comments/USER'], ['GET', '/api/inbox'],
  ['GET', '/api/reports/REPORT/sections/basic-info/versions'], ['POST', '/api/versions/USER/restore'], ['GET', '/api/versions/USER/diff'],
  ['GET', '/api/reports/REPORT/export'], ['POST', '/api/reports'], ['GET', '/api/reports/REPORT/checks'],
  ['PATCH', '/api/reports/REPORT'], ['POST', '/api/reports/REPORT/sections'], ['PATCH', '/api/reports/REPORT/sections/basic-info'],
  ['PUT', '/api/reports/REPORT/sections/order'],
];

function randomBody(rand: (n: number) => number): string {
  const values = ['', 'null', '[]', '{}', '"x"', '1e309', '-1', 'true', '{"username":{"$gt":""}}', '{"password":[1,2]}',
    '{"role":"admin","username":"r","displayName":"r","department":null,"password":"longenough"}',
    '{"__proto__":{"admin":true}}', '{"disabled":"yes"}', '{"department":"../../etc"}', '{'.repeat(50), '\u0000\uffff'];
  const pick = values[rand(values.length)]!;
  return rand(4) === 0 ? pick + String.fromCharCode(...Array.from({ length: rand(40) }, () => rand(0xffff))) : pick;
}

test('random bodies to every route get a clear 4xx (or a normal answer), never a 5xx, and change nothing', async () => {
  const rand = prng(2024);
  const users = (await (await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${principal}` } })).json()).users as { id: string; username: string; role: string; disabled: boolean }[];
  const target = users.find((u) => u.username === 'houqin')!;
  const statuses = new Map<number, number>();
  for (let i = 0; i < 400; i++) {
    const [method, template] = ROUTES[rand(ROUTES.length)]!;
    const path = template.replace('REPORT', rand(2) ? reportId : '..%2F..%2Fetc').replace('USER', rand(2) ? target.id : '%00');
    // A department head, so writes that would succeed for the principal are refused.
    const token = rand(5) === 0 ? 'garbage' : zonghe;
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': rand(3) ? 'application/json' : 'text/plain' },
      body: method === 'GET' ? undefined : randomBody(rand),
    });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    expect(res.status, `${method} ${path}`).toBeLessThan(500);
    if (res.status >= 400) expect((await res.json()).message, `${method} ${path}`).toBeTruthy();
    else await res.arrayBuffer();
  }
  expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  // Nothing changed: the users are as they were and the department head still has the same rights.
  const after = (await (await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${principal}` } })).json()).users;
  expect(after).toEqual(users);
});

test('200 random and mutated uploads to the importer are refused with a reason or imported whole; nothing crashes', async () => {
  const rand = prng(99);
  const reports = async () => ((await (await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${principal}` } })).json()).reports as unknown[]).length;
  const before = await reports();
  const reference = referenceReportBytes();
  const samples: [string, Uint8Array][] = [];
  for (let i = 0; i < 200; i++) {
    const kind = rand(4);
    let bytes: Uint8Array;
    if (kind === 0) bytes = Uint8Array.from({ length: rand(4096) }, () => rand(256));
    else if (kind === 1) { bytes = Uint8Array.from(reference); for (let f = rand(50); f > 0; f--) bytes[rand(bytes.length)] = rand(256); }
    else if (kind === 2) bytes = reference.subarray(0, rand(reference.length));
    else bytes = new TextEncoder().encode(['', '一、', '附件4\n', '\u0000'.repeat(rand(100)), 'PK\u0003\u0004garbage'][rand(5)]!);
    samples.push([['report.txt', 'report.docx', 'x.pdf', 'noext', '../../etc/passwd.txt'][rand(5)]!, bytes]);
  }
  let created = 0;
  for (const [name, bytes] of samples) {
    const form = new FormData();
    form.append(rand(8) === 0 ? 'wrong-field' : 'file', new Blob([Buffer.from(bytes)]), name);
    const res = await fetch(`${server.url}/api/reports/import`, { method: 'POST', headers: { authorization: `Bearer ${principal}` }, body: form });
    expect(res.status, name).toBeLessThan(500);
    const body = await res.json();
    if (res.status === 201) created++;
    else expect(body.message, name).toBeTruthy();
  }
  // Exactly the accepted uploads became reports; every refusal created nothing.
  expect(await reports()).toBe(before + created);
});
