// The SQLite writer thread for the Yjs update log. Plain JavaScript on purpose: worker threads do
// not inherit the TypeScript loader in every runner (tsx, vitest), and this file is tiny.
// better-sqlite3 is synchronous, so a durable commit (WAL + synchronous=FULL, an fsync per
// commit) would block the server's event loop for milliseconds; here it blocks only this thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

const insert = db.prepare('INSERT INTO document_updates (doc_name, data) VALUES (?, ?)');
const load = db.prepare('SELECT data FROM document_updates WHERE doc_name = ? ORDER BY id').pluck();
const maxId = db.prepare('SELECT MAX(id) FROM document_updates WHERE doc_name = ?').pluck();
const removeUpTo = db.prepare('DELETE FROM document_updates WHERE doc_name = ? AND id <= ?');

const append = db.transaction((batch) => {
  for (const { docName, update } of batch) insert.run(docName, update);
});

// Replaces a document's updates with one snapshot, in one transaction.
const compact = db.transaction((docName) => {
  const upTo = maxId.get(docName);
  if (upTo === null) return;
  const doc = new Y.Doc();
  for (const data of load.all(docName)) Y.applyUpdate(doc, data);
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  removeUpTo.run(docName, upTo);
  insert.run(docName, snapshot);
});

parentPort.on('message', ({ id, op, batch, docName }) => {
  try {
    if (op === 'append') append(batch);
    else if (op === 'compact') compact(docName);
    else if (op === 'close') db.close();
    parentPort.postMessage({ id });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
