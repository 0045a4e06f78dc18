import Database from 'better-sqlite3';
import { plainBytes } from './bytes.js';
import { SqliteLogMaintainer } from './SqliteLogMaintainer.js';
import type { SqliteWriteGate } from './SqliteWriteGate.js';
import type { DocumentStore, DocumentUpdate, StoredLog } from './Store.js';
import { WorkInFlight } from './WorkInFlight.js';

/** How often the journal's rows move into the indexed log. */
const JOURNAL_DRAIN_MS = 2000;

/**
 * The Yjs update log of the SQLite store, the server's busiest write path.
 *
 * Commits run on the event loop, on a connection of their own, through the store's
 * SqliteWriteGate: durable before they resolve, with the disk's sync on the thread pool, so no
 * worker thread has to copy and re-read every batch.
 *
 * Commits append to a journal table without an index, at its end: a commit touching fifty
 * sections writes a few pages instead of one index page per section, a fifth of the bytes into
 * the WAL. Every JOURNAL_DRAIN_MS the journal's rows move, in one transaction, into the indexed
 * log; until then loads read both.
 *
 * What is slow but not urgent runs in SqliteLogMaintainer's thread: it moves the journal (2,000
 * rows take ~10 ms), computes compaction snapshots and checkpoints the WAL. Only the move takes
 * the write lock, and the gate holds the event loop's writes meanwhile (only acknowledgements are
 * delayed). The short swap of a document's rows for its snapshot is written here.
 */
export class SqliteUpdateLog implements DocumentStore {
  private readonly db: Database.Database;
  private readonly maintainer: SqliteLogMaintainer;
  /** Appends and compactions not finished yet; close() waits for them. */
  private readonly underWay = new WorkInFlight('update log is closed');
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendBatch: (batch: readonly DocumentUpdate[]) => void;
  private readonly swapForSnapshot: (docName: string, upTo: number, snapshot: Uint8Array, stateVector: Uint8Array) => void;
  /** Rows in the journal (unknown, so nonzero, on open: a crash may have left some). */
  private journalRows = 1;
  /** Snapshots the maintainer is computing: a move queued behind one would hold up appends. */
  private snapshotsUnderWay = 0;
  private readonly drainTimer: NodeJS.Timeout;

  /** `file` must already hold the schema, in WAL mode; `gate` is the store's. */
  constructor(file: string, private readonly gate: SqliteWriteGate) {
    this.db = new Database(file);
    this.db.pragma('synchronous = NORMAL');
    // Checkpoints are the maintainer's: here they would stall the event loop on two fsyncs.
    this.db.pragma('wal_autocheckpoint = 0');
    this.db.pragma('busy_timeout = 5000');
    this.statements = prepareStatements(this.db);
    const { journal, insert, removeUpTo } = this.statements;
    this.appendBatch = this.db.transaction((batch: readonly DocumentUpdate[]) => {
      for (const { docName, update } of batch) journal.run(docName, update);
    });
    this.swapForSnapshot = this.db.transaction((docName: string, upTo: number, snapshot: Uint8Array, stateVector: Uint8Array) => {
      removeUpTo.run(docName, upTo);
      insert.run(docName, snapshot, stateVector);
    });
    this.maintainer = new SqliteLogMaintainer(file);
    this.drainJournal();
    this.drainTimer = setInterval(() => this.drainJournal(), JOURNAL_DRAIN_MS).unref();
  }

  async load(docName: string): Promise<StoredLog> {
    const rows = this.statements.load.all(docName, docName) as [Buffer, Buffer | null][];
    const stateVector = rows.length === 1 ? rows[0]![1] : null;
    return { updates: rows.map(([data]) => plainBytes(data)), snapshotStateVector: stateVector && plainBytes(stateVector) };
  }

  append(batch: readonly DocumentUpdate[]): Promise<void> {
    return this.underWay.run(async () => {
      if (batch.length === 0) return;
      await this.gate.write(() => {
        this.appendBatch(batch);
        this.journalRows += batch.length;
      });
    });
  }

  compact(docName: string): Promise<void> {
    return this.underWay.run(async () => {
      // The snapshot covers the indexed rows up to `upTo` as the maintainer read them (after this
      // drain, usually all rows so far); rows appended since have larger ids (AUTOINCREMENT never
      // reuses one) or are still in the journal, and stay.
      this.drainJournal();
      await this.gate.free();
      this.snapshotsUnderWay++;
      const compacted = await this.maintainer.snapshot(docName).finally(() => { this.snapshotsUnderWay--; });
      if (!compacted) return;
      await this.gate.write(() => this.swapForSnapshot(docName, compacted.upTo, compacted.snapshot, compacted.stateVector));
    });
  }

  async count(docName: string): Promise<number> {
    return this.statements.count.get(docName, docName) as number;
  }

  async list(): Promise<string[]> {
    return this.statements.names.all() as string[];
  }

  async close(): Promise<void> {
    clearInterval(this.drainTimer);
    await this.underWay.close();
    this.drainJournal();
    await this.gate.free();
    await this.maintainer.close();
    this.db.close();
  }

  /** Starts moving the journal into the indexed log, unless it is empty or a move is under way. */
  private drainJournal() {
    if (this.journalRows === 0 || this.gate.isHeld || this.snapshotsUnderWay > 0 || this.gate.failed) return;
    this.gate.holdFor(this.maintainer.drainJournal()).then(
      // Nothing was appended meanwhile: appends wait for the move.
      () => { this.journalRows = 0; },
      // Nothing is lost: the rows stay in the journal, which loads read too. The next drain retries.
      () => {},
    );
  }
}

function prepareStatements(db: Database.Database) {
  return {
    journal: db.prepare('INSERT INTO document_update_journal (doc_name, data) VALUES (?, ?)'),
    insert: db.prepare('INSERT INTO document_updates (doc_name, data, state_vector) VALUES (?, ?, ?)'),
    load: db.prepare(`
      SELECT data, state_vector FROM (
        SELECT 0 AS part, id, data, state_vector FROM document_updates WHERE doc_name = ?
        UNION ALL SELECT 1, id, data, NULL FROM document_update_journal WHERE doc_name = ?
      ) ORDER BY part, id`).raw(),
    removeUpTo: db.prepare('DELETE FROM document_updates WHERE doc_name = ? AND id <= ?'),
    count: db.prepare(`SELECT (SELECT COUNT(*) FROM document_updates WHERE doc_name = ?)
      + (SELECT COUNT(*) FROM document_update_journal WHERE doc_name = ?)`).pluck(),
    names: db.prepare('SELECT doc_name FROM document_updates UNION SELECT doc_name FROM document_update_journal ORDER BY doc_name').pluck(),
  };
}
