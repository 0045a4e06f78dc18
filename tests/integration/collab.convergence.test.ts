import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { connectSection, demoReport, eventually, login, sleep, storedDoc, waitForSync, type SectionClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let reportId: string;
let tokens: string[];

beforeAll(async () => {
  server = await startTestServer();
  // Five writers of one 综合事务部 section: its head and the principal, in several tabs.
  const zonghe = (await login(server.url, 'zonghe')).token;
  const principal = (await login(server.url, 'principal')).token;
  tokens = [zonghe, principal, zonghe, principal, zonghe];
  reportId = (await demoReport(server.url, zonghe)).id;
});
afterAll(async () => { await server?.close(); });

function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => { s = (s * 1664525 + 1013904223) >>> 0; return Math.floor((s / 2 ** 32) * n); };
}

const WORDS = ['预算', '执行率', '769.78', '万元', '绩效', '学生', '1088人', '。', '，', 'abc'];
const FORMATS = [{ bold: true }, { italic: true }, { bold: null }, { comment: 'thread-1' }];

/** One random edit in the spirit of Yjs's applyRandomTests: text inserts, deletes, formatting, paragraphs. */
function randomEdit(client: SectionClient, rand: (n: number) => number) {
  const text = client.text;
  const paragraphs = client.doc.getXmlFragment('default');
  switch (rand(6)) {
    case 0: case 1:
      text.insert(rand(text.length + 1), WORDS[rand(WORDS.length)]!);
      break;
    case 2:
      if (text.length > 0) { const at = rand(text.length); text.delete(at, 1 + rand(Math.min(5, text.length - at))); }
      break;
    case 3:
      if (text.length > 0) { const at = rand(text.length); text.format(at, 1 + rand(text.length - at), FORMATS[rand(FORMATS.length)]!); }
      break;
    case 4: {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(WORDS[rand(WORDS.length)]!)]);
      paragraphs.insert(rand(paragraphs.length + 1), [p]);
      break;
    }
    case 5:
      if (paragraphs.length > 0) paragraphs.delete(rand(paragraphs.length), 1);
  }
}

const snapshot = (doc: Y.Doc) => JSON.stringify([doc.get('text', Y.XmlText).toDelta(), doc.getXmlFragment('default').toJSON()]);

for (const seed of [1, 7, 2024, 31337]) {
  test(`five clients with random edits and reconnects converge with the server (seed ${seed})`, async () => {
    const rand = prng(seed);
    const key = ['basic-info', 'improvements'][seed % 2]!;
    const clients = tokens.map((token) => connectSection(server.collabUrl, token, reportId, key));
    await Promise.all(clients.map((c) => waitForSync(c.provider)));

    for (let step = 0; step < 300; step++) {
      const client = clients[rand(clients.length)]!;
      const roll = rand(100);
      if (roll < 4 && client.provider.wsconnected) client.provider.disconnect();
      else if (roll < 10 && !client.provider.shouldConnect) client.provider.connect();
      else randomEdit(client, rand);
      if (step % 25 === 0) await sleep(rand(15));
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();

    const expected = await eventually(
      () => clients.map((c) => snapshot(c.doc)),
      (all) => all.every((s) => s === all[0]) && clients.every((c) => c.provider.synced),
      15_000,
    );
    // The server's durable log holds the same document as every client.
    await eventually(async () => snapshot(await storedDoc(server.server.store.documents, reportId, key)), (s) => s === expected[0]);
    expect(clients[0]!.text.length + clients[0]!.doc.getXmlFragment('default').length).toBeGreaterThan(0);
    for (const c of clients) c.destroy();
  });
}
