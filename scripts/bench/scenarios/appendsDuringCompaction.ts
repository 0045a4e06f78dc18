import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { SqliteStore } from '../../../server/storage/SqliteStore.js';
import { figure, msText } from '../scenario.js';
import { percentile, sleep } from '../stats.js';
import type { TableRow } from '../table.js';

/** A long section's log as typing leaves it: one update per paragraph, about 1 MB in all. */
const PARAGRAPHS = 4000;
const PAUSE_BETWEEN_APPENDS_MS = 2;

/**
 * 8. How long an author waits for 已保存 while the server compacts a large section: another
 * section's edits are appended (and acknowledged) one after another for as long as the
 * compaction runs. No reference: the bare relay stores nothing.
 */
export async function appendsDuringCompactionRow(): Promise<TableRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongxie-bench-compaction-'));
  const store = SqliteStore.inDataDir(dir);
  try {
    const long = new Y.Doc();
    const updates: Uint8Array[] = [];
    long.on('update', (update: Uint8Array) => updates.push(update));
    const text = long.getText('t');
    for (let i = 0; i < PARAGRAPHS; i++) text.insert(text.length, `第${i}段`.padEnd(250, '字'));
    await store.documents.append(updates.map((update) => ({ docName: 'long', update })));

    const other = new Y.Doc();
    const latencies: number[] = [];
    const start = performance.now();
    let compacting = true;
    const compaction = store.documents.compact('long').finally(() => { compacting = false; });
    while (compacting) {
      let update: Uint8Array | undefined;
      other.once('update', (u: Uint8Array) => { update = u; });
      other.getText('t').insert(0, '字');
      const sent = performance.now();
      await store.documents.append([{ docName: 'other', update: update! }]);
      latencies.push(performance.now() - sent);
      await sleep(PAUSE_BETWEEN_APPENDS_MS);
    }
    await compaction;
    const compactMs = performance.now() - start;
    const worst = Math.max(...latencies);
    return {
      scenario: '8',
      spec: { label: `appends while a ~1 MB section (${PARAGRAPHS} updates) is compacted: slowest acknowledgement`, metric: 'appendDuringCompaction' },
      project: figure(worst, `${msText(worst)} (p50 ${msText(percentile(latencies, 50))}, ${latencies.length} appends during a ${compactMs.toFixed(0)} ms compaction)`),
      reference: figure(null, '—'),
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
