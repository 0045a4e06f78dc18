import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { sectionRoomName } from '../../shared/rooms.js';
import { connectSection, demoReport, eventually, login, sleep, storedDoc, waitForSync, type SectionClient } from '../helpers/clients.js';
import { RawClient, syncFrame } from '../helpers/rawClient.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let reportId: string;
let token: string;
let owner: SectionClient;
const CONTENT = '我校在编教师58人；有4个职能部门。';

/** Deterministic pseudo-random bytes so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

beforeAll(async () => {
  server = await startTestServer({ config: { maxFrameBytes: 64 * 1024 } });
  token = (await login(server.url, 'zonghe')).token;
  reportId = (await demoReport(server.url, token)).id;
  owner = connectSection(server.collabUrl, token, reportId, 'basic-info');
  await waitForSync(owner.provider);
  owner.text.insert(0, CONTENT);
  owner.text.format(0, 2, { bold: true });
  await eventually(async () => (await storedDoc(server.server.store.documents, reportId, 'basic-info')).get('text', Y.XmlText).length, (n) => n === CONTENT.length);
});
afterAll(async () => { owner?.destroy(); await server?.close(); });

const url = () => `${server.collabUrl}/${sectionRoomName({ reportId, sectionKey: 'basic-info' })}?token=${token}`;

async function expectIntact() {
  const expected = `<bold>${CONTENT.slice(0, 2)}</bold>${CONTENT.slice(2)}`;
  expect(owner.text.toString()).toBe(expected);
  expect((await storedDoc(server.server.store.documents, reportId, 'basic-info')).get('text', Y.XmlText).toString()).toBe(expected);
  // The owner's connection is still live: a new edit still goes through.
  expect(owner.provider.wsconnected).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

test('random garbage frames close only the sender, with 4400', async () => {
  const random = rng(42);
  for (let round = 0; round < 40; round++) {
    const client = await RawClient.connect(url());
    const length = 1 + Math.floor(random() * 200);
    const garbage = Uint8Array.from({ length }, () => Math.floor(random() * 256));
    // Start with a valid message type half of the time so the payload decoders are exercised too.
    if (round % 2 === 0) garbage[0] = round % 4 === 0 ? 0 : 1;
    client.send(garbage);
    const closed = await Promise.race([client.waitClose(2000), sleep(300).then(() => null)]);
    if (closed) expect(closed.code).toBe(4400);
    client.close();
  }
  await expectIntact();
});

test('truncated and trailing-byte frames close only the sender', async () => {
  const writer = new Y.Doc();
  writer.get('text', Y.XmlText).insert(0, '这段内容不会被接受');
  const valid = syncFrame(2, Y.encodeStateAsUpdate(writer));
  for (const frame of [valid.subarray(0, valid.length - 3), valid.subarray(0, 3), Uint8Array.of(...valid, 7), Uint8Array.of(0, 9, 0), Uint8Array.of(7)]) {
    const client = await RawClient.connect(url());
    client.send(frame);
    expect((await client.waitClose()).code).toBe(4400);
  }
  await expectIntact();
});

test('an oversized frame closes only that connection', async () => {
  const client = await RawClient.connect(url());
  client.send(syncFrame(2, new Uint8Array(128 * 1024)));
  expect((await client.waitClose()).code).toBe(1009);
  await expectIntact();
});

test('a valid update from a writer after all that still goes through', async () => {
  const before = owner.text.length;
  owner.text.insert(before, '学生共有1088人。');
  await eventually(async () => (await storedDoc(server.server.store.documents, reportId, 'basic-info')).get('text', Y.XmlText).toString(), (s) => s.endsWith('学生共有1088人。'));
});
