import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { spawnServer, type ChildServer } from '../helpers/childServer.js';
import { connectSection, demoReport, eventually, login, storedDoc, waitForSync } from '../helpers/clients.js';
import { AckingWriter, writtenNumbers } from '../helpers/ackingWriter.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';

let child: ChildServer | undefined;
afterEach(() => { child?.proc.kill('SIGKILL'); child = undefined; });

test('a graceful restart brings every document back', async () => {
  let server = await startTestServer();
  const { token } = await login(server.url, 'principal');
  const report = await demoReport(server.url, token);
  const written = new Map<string, string>();
  for (const section of report.sections) {
    const client = connectSection(server.collabUrl, token, report.id, section.key);
    await waitForSync(client.provider);
    const text = `${section.number}、${section.title}的正文`;
    client.text.insert(0, text);
    written.set(section.key, text);
    const stored = async () => (await storedDoc(server.server.store.documents, report.id, section.key)).get('text', Y.XmlText).toString();
    await eventually(stored, (s) => s === text);
    client.destroy();
  }
  await server.close();

  server = await startTestServer({ dataDir: server.dataDir });
  const fresh = await login(server.url, 'principal');
  for (const [key, text] of written) {
    const client = connectSection(server.collabUrl, fresh.token, report.id, key);
    await waitForSync(client.provider);
    expect(client.text.toString(), key).toBe(text);
    client.destroy();
  }
  await server.close();
});

test('SIGTERM closes sockets with a reason, flushes, and exits 0', async () => {
  child = await spawnServer(tempDataDir());
  const { token } = await login(child.url, 'zonghe');
  const report = await demoReport(child.url, token);
  const writer = await AckingWriter.open(child.collabUrl, token, report.id, 'basic-info');
  for (let i = 0; i < 20; i++) writer.write(i);
  const closing = writer.raw.waitClose();
  child.proc.kill('SIGTERM');
  expect(await closing).toEqual({ code: 1001, reason: 'server shutting down' });
  expect(await child.exited).toBe(0);
  expect(child.logs.map((l) => l.event)).toContain('server.stopped');
});

test('SIGKILL right after acknowledgements loses no acknowledged update', async () => {
  const dataDir = tempDataDir();
  child = await spawnServer(dataDir);
  const tokens = { zonghe: (await login(child.url, 'zonghe')).token, jiaoxue: (await login(child.url, 'jiaoxue')).token };
  const report = await demoReport(child.url, tokens.zonghe);
  const writers = [
    await AckingWriter.open(child.collabUrl, tokens.zonghe, report.id, 'basic-info'),
    await AckingWriter.open(child.collabUrl, tokens.jiaoxue, report.id, 'performance'),
  ];
  // Keep writing while acknowledgements stream back; kill the server mid-stream.
  let i = 0;
  const pump = setInterval(() => { for (const w of writers) w.write(i); i++; }, 1);
  await eventually(() => Math.min(...writers.map((w) => w.acknowledged().length)), (n) => n >= 150, 15_000);
  child.proc.kill('SIGKILL');
  const acknowledged = writers.map((w) => w.acknowledged());
  clearInterval(pump);
  await child.exited;
  expect(i).toBeGreaterThan(Math.max(...acknowledged.map((a) => a.length)));

  child = await spawnServer(dataDir);
  const principal = (await login(child.url, 'principal')).token;
  for (const [index, key] of ['basic-info', 'performance'].entries()) {
    const reader = connectSection(child.collabUrl, principal, report.id, key);
    await waitForSync(reader.provider);
    const stored = writtenNumbers(reader.text.toString());
    const lost = acknowledged[index]!.filter((n) => !stored.has(n));
    expect(lost, `${key}: acknowledged but lost`).toEqual([]);
    reader.destroy();
  }
});
