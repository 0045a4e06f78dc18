import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { sectionRoomName } from '../../shared/rooms.js';
import { spawnServer, type ChildServer } from '../helpers/childServer.js';
import { connectSection, demoReport, eventually, login, storedDoc, waitForSync } from '../helpers/clients.js';
import { RawClient, syncFrame } from '../helpers/rawClient.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';

let child: ChildServer | undefined;
afterEach(() => { child?.proc.kill('SIGKILL'); child = undefined; });

/**
 * A writer that sends each local edit as a raw update frame and mirrors what the server
 * broadcasts back: an edit is acknowledged once it appears in the mirror.
 */
class AckingWriter {
  readonly local = new Y.Doc();
  readonly mirror = new Y.Doc();
  private constructor(readonly raw: RawClient) {
    this.local.on('update', (update: Uint8Array) => raw.send(syncFrame(2, update)));
    raw.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && (data[1] === 1 || data[1] === 2)) {
        const frame = new Uint8Array(data);
        // Skip the two single-byte varuints (message type, sync type) and the payload length.
        let offset = 2;
        while (frame[offset]! & 0x80) offset++;
        Y.applyUpdate(this.mirror, frame.subarray(offset + 1));
      }
    });
  }

  static async open(collabUrl: string, token: string, reportId: string, key: string) {
    return new AckingWriter(await RawClient.connect(`${collabUrl}/${sectionRoomName({ reportId, sectionKey: key })}?token=${token}`));
  }

  write(i: number) {
    const text = this.local.get('text', Y.XmlText);
    text.insert(text.length, `[${i}]`);
  }

  acknowledged(): number[] {
    return [...this.mirror.get('text', Y.XmlText).toString().matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  }
}

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
    const stored = new Set([...reader.text.toString().matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    const lost = acknowledged[index]!.filter((n) => !stored.has(n));
    expect(lost, `${key}: acknowledged but lost`).toEqual([]);
    reader.destroy();
  }
});
