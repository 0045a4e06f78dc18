import path from 'node:path';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/SqliteStore.js';
import { tempDataDir } from '../helpers/server.js';

function update(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | undefined;
  doc.once('update', (u: Uint8Array) => { captured = u; });
  doc.getText('t').insert(doc.getText('t').length, text);
  return captured!;
}

test('the document log appends in one commit, loads in order, and compacts atomically', async () => {
  const file = path.join(tempDataDir(), 'store.sqlite');
  const store = new SqliteStore(file);
  const source = new Y.Doc();
  const batch = ['一', '二', '三'].map((t) => ({ docName: 'reports/r/sections/a', update: update(source, t) }));
  await store.documents.append([...batch, { docName: 'reports/r/sections/b', update: update(new Y.Doc(), 'other') }]);
  expect(await store.documents.count('reports/r/sections/a')).toBe(3);
  expect(await store.documents.list()).toEqual(['reports/r/sections/a', 'reports/r/sections/b']);

  await store.documents.compact('reports/r/sections/a');
  expect(await store.documents.count('reports/r/sections/a')).toBe(1);
  await store.close();

  const reopened = new SqliteStore(file);
  const loaded = new Y.Doc();
  for (const u of await reopened.documents.load('reports/r/sections/a')) Y.applyUpdate(loaded, u);
  expect(loaded.getText('t').toString()).toBe('一二三');
  expect(await reopened.documents.load('reports/r/sections/none')).toEqual([]);
  await reopened.close();
  expect(reopened.isOpen()).toBe(false);
});

test('the store runs in WAL mode with full synchronous commits', async () => {
  const file = path.join(tempDataDir(), 'store.sqlite');
  const store = new SqliteStore(file);
  await store.close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
});
