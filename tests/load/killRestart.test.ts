import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/SqliteStore.js';
import { STANDARD_SECTIONS } from '../../shared/template.js';
import { sectionRoomName } from '../../shared/rooms.js';
import { spawnServer, type ChildServer } from '../helpers/childServer.js';
import { freePort } from '../helpers/freePort.js';
import { connectSection, eventually, login, sleep, type SectionClient } from '../helpers/clients.js';
import { tempDataDir } from '../helpers/server.js';

const CLIENTS = 200;
const SECTIONS = 20;
const DURATION_MS = 60_000;
const KILL_AT_MS = 30_000;

/** Every edit inserts a unique token, so each one can be found (exactly once) at the end. */
const tokensIn = (text: string) => text.match(/c\d+e\d+;/g) ?? [];

test(`${CLIENTS} clients edit ${SECTIONS} sections for ${DURATION_MS / 1000} s through a SIGKILL and restart; nothing is lost or duplicated`, async () => {
  const dataDir = tempDataDir();
  const port = await freePort();
  const env = { PORT: String(port) };
  let server: ChildServer = await spawnServer(dataDir, env);

  // A report with 20 sections the principal may all edit.
  const { token } = await login(server.url, 'principal');
  const [org] = await (async () => {
    const store = SqliteStore.inDataDir(dataDir);
    try { return await store.orgs.list(); } finally { await store.close(); }
  })();
  const sections = Array.from({ length: SECTIONS }, (_, i) => ({ ...STANDARD_SECTIONS[i % STANDARD_SECTIONS.length]!, key: `load-${i}` }));
  const reportId = 'load-report';
  {
    const store = SqliteStore.inDataDir(dataDir);
    await store.reports.create({ id: reportId, orgId: org!.id, title: '负载测试报告', year: 2025, finalized: false, attachmentLabel: null },
      sections.map((s, position) => ({ reportId, position, key: s.key, title: s.title, department: s.department, status: 'draft' as const })));
    await store.close();
  }

  const clients: { client: SectionClient; key: string; written: string[] }[] = [];
  // Each y-websocket provider listens for the process's exit (to withdraw its presence): 200 of
  // them in one process are the point here, not a leak.
  process.setMaxListeners(CLIENTS + 10);
  for (let i = 0; i < CLIENTS; i++) {
    const key = sections[i % SECTIONS]!.key;
    clients.push({ client: connectSection(server.collabUrl, token, reportId, key), key, written: [] });
  }

  const started = Date.now();
  let killed = false;
  let edits = 0;
  while (Date.now() - started < DURATION_MS) {
    // About 200 edits a second in all, from random clients, connected or not (offline edits count too).
    for (let n = 0; n < 20; n++) {
      const index = Math.floor(Math.random() * CLIENTS);
      const entry = clients[index]!;
      const tokenText = `c${index}e${entry.written.length};`;
      const text = entry.client.text;
      // Insert between tokens (never inside one), at a random boundary.
      const current = text.toString();
      const boundaries = [0, ...[...current.matchAll(/;/g)].map((m) => m.index! + 1)];
      text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, tokenText);
      entry.written.push(tokenText);
      edits++;
    }
    if (!killed && Date.now() - started > KILL_AT_MS) {
      killed = true;
      server.proc.kill('SIGKILL');
      await server.exited;
      server = await spawnServer(dataDir, env);
    }
    await sleep(100);
  }
  expect(killed).toBe(true);

  // Every client of a section converges on the same text holding every token once.
  for (let s = 0; s < SECTIONS; s++) {
    const key = sections[s]!.key;
    const group = clients.filter((c) => c.key === key);
    const expected = group.flatMap((c) => c.written).sort();
    const texts = await eventually(
      () => group.map((c) => c.client.text.toString()),
      (all) => all.every((t) => t === all[0]) && tokensIn(all[0]!).length === expected.length,
      30_000,
    );
    expect(tokensIn(texts[0]!).sort(), key).toEqual(expected);
  }
  for (const c of clients) c.client.destroy();

  // The stored log agrees with the clients after a clean stop.
  server.proc.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  const store = SqliteStore.inDataDir(dataDir);
  for (let s = 0; s < SECTIONS; s++) {
    const key = sections[s]!.key;
    const doc = new Y.Doc();
    for (const u of (await store.documents.load(sectionRoomName({ reportId, sectionKey: key }))).updates) Y.applyUpdate(doc, u);
    const expected = clients.filter((c) => c.key === key).flatMap((c) => c.written).sort();
    expect(tokensIn(doc.get('text', Y.XmlText).toString()).sort(), key).toEqual(expected);
  }
  await store.close();
  console.log(`[load] ${edits} edits by ${CLIENTS} clients in ${SECTIONS} sections, server killed and restarted at ${KILL_AT_MS / 1000} s`);
}, 180_000);
