// The update log's maintenance thread (see SqliteLogMaintainer.ts). Plain JavaScript on purpose:
// worker threads do not inherit the TypeScript loader in every runner (tsx, vitest), and this
// file is tiny. Its one write is the journal's move; the event loop writes nothing meanwhile.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

// Nothing here is urgent: below the event loop's priority, a journal move (~10 ms of CPU every
// 2 s) waits for a free core instead of delaying editors' traffic. Only on Linux, where the nice
// value is per thread and 0 names the calling thread; elsewhere it would slow the whole server.
const LOWER_PRIORITY = 10;
if (process.platform === 'linux') {
  try {
    os.setPriority(0, LOWER_PRIORITY);
  } catch {
    // Not permitted here: the chores run at the normal priority.
  }
}

/**
 * How often committed WAL frames are copied into the database file. A passive checkpoint waits
 * for nobody and costs next to nothing when there is nothing new.
 */
const CHECKPOINT_INTERVAL_MS = 2000;

const db = new Database(workerData.file);
// FULL: the checkpoints this connection runs sync the WAL before and the database file after.
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

const rows = db.prepare('SELECT id, data, state_vector IS NOT NULL FROM document_updates WHERE doc_name = ? ORDER BY id').raw();
const moveJournal = db.prepare('INSERT INTO document_updates (doc_name, data) SELECT doc_name, data FROM document_update_journal ORDER BY id');
const clearJournal = db.prepare('DELETE FROM document_update_journal');
const drainJournal = db.transaction(() => {
  moveJournal.run();
  clearJournal.run();
});

/**
 * One SELECT reads a consistent view, so the snapshot covers exactly the rows up to the last id.
 * A log that is one snapshot with its state vector already is left alone.
 */
function snapshot(docName) {
  const found = rows.all(docName);
  if (found.length === 0 || (found.length === 1 && found[0][2] === 1)) return { snapshot: null };
  const doc = new Y.Doc();
  // One transaction, as applyUpdates.ts does (this file cannot import TypeScript).
  Y.transact(doc, () => {
    for (const [, data] of found) Y.applyUpdate(doc, data);
  });
  const folded = Y.encodeStateAsUpdate(doc);
  const stateVector = Y.encodeStateVector(doc);
  doc.destroy();
  return { snapshot: folded, stateVector, upTo: found[found.length - 1][0] };
}

const checkpoints = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or interrupted: the next interval tries again.
  }
}, CHECKPOINT_INTERVAL_MS);

parentPort.on('message', ({ id, op, docName }) => {
  try {
    if (op === 'snapshot') {
      const reply = snapshot(docName);
      parentPort.postMessage({ id, ...reply }, reply.snapshot ? [reply.snapshot.buffer, reply.stateVector.buffer] : []);
      return;
    }
    if (op === 'drainJournal') drainJournal();
    if (op === 'close') {
      clearInterval(checkpoints);
      db.close();
    }
    parentPort.postMessage({ id });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
