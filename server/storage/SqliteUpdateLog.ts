import fs from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteLogMaintainer } from './SqliteLogMaintainer.js';
import type { DocumentStore, DocumentUpdate } from './Store.js';
import { WorkInFlight } from './WorkInFlight.js';

/**
 * The Yjs update log of the SQLite store, the server's busiest write path.
 *
 * Commits run on the event loop, on a connection of their own with synchronous=NORMAL: SQLite
 * writes the WAL frames but does not sync them. Before a commit's promise resolves, the WAL file
 * is fdatasync'd on libuv's thread pool, so a resolved append is on disk exactly as with
 * synchronous=FULL, while the event loop never waits for the disk and no worker thread has to
 * copy and re-read every batch. (A sync covers every frame written before it, whichever
 * connection wrote it.)
 *
 * What is slow but not urgent runs in SqliteLogMaintainer's thread: it computes compaction
 * snapshots and checkpoints the WAL, neither of which takes the write lock, so nothing here ever
 * waits for it. Only the short swap of a document's rows for its snapshot is written here.
 */
export class SqliteUpdateLog implements DocumentStore {
  private readonly db: Database.Database;
  private readonly maintainer: SqliteLogMaintainer;
  private readonly walFile: string;
  private walFd: number | null = null;
  /** After a failed sync the disk's state is unknown: nothing more is acknowledged. */
  private syncFailure: Error | null = null;
  /** Appends and compactions not finished yet; close() waits for them. */
  private readonly underWay = new WorkInFlight('update log is closed');
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendBatch: (batch: readonly DocumentUpdate[]) => void;
  private readonly swapForSnapshot: (docName: string, upTo: number, snapshot: Uint8Array) => void;

  /** `file` must already hold the schema, in WAL mode. */
  constructor(file: string) {
    this.walFile = `${file}-wal`;
    this.db = new Database(file);
    this.db.pragma('synchronous = NORMAL');
    // Checkpoints are the maintainer's: here they would stall the event loop on two fsyncs.
    this.db.pragma('wal_autocheckpoint = 0');
    this.db.pragma('busy_timeout = 5000');
    this.statements = prepareStatements(this.db);
    const { insert, removeUpTo } = this.statements;
    this.appendBatch = this.db.transaction((batch: readonly DocumentUpdate[]) => {
      for (const { docName, update } of batch) insert.run(docName, update);
    });
    this.swapForSnapshot = this.db.transaction((docName: string, upTo: number, snapshot: Uint8Array) => {
      removeUpTo.run(docName, upTo);
      insert.run(docName, snapshot);
    });
    this.maintainer = new SqliteLogMaintainer(file);
  }

  async load(docName: string): Promise<Uint8Array[]> {
    return (this.statements.load.all(docName) as Buffer[]).map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  append(batch: readonly DocumentUpdate[]): Promise<void> {
    return this.underWay.run(async () => {
      if (batch.length === 0) return;
      this.throwIfSyncFailed();
      this.appendBatch(batch);
      await this.syncWal();
    });
  }

  compact(docName: string): Promise<void> {
    return this.underWay.run(async () => {
      // The snapshot covers the rows up to `upTo` as the maintainer read them; rows appended
      // since have larger ids (AUTOINCREMENT never reuses one) and stay.
      const compacted = await this.maintainer.snapshot(docName);
      if (!compacted) return;
      this.throwIfSyncFailed();
      this.swapForSnapshot(docName, compacted.upTo, compacted.snapshot);
      await this.syncWal();
    });
  }

  async count(docName: string): Promise<number> {
    return this.statements.count.get(docName) as number;
  }

  async list(): Promise<string[]> {
    return this.statements.names.all() as string[];
  }

  async close(): Promise<void> {
    await this.underWay.close();
    await this.maintainer.close();
    if (this.walFd !== null) fs.closeSync(this.walFd);
    this.db.close();
  }

  private syncWal(): Promise<void> {
    // The WAL exists once a transaction has committed, and lives as long as the store's
    // connections do, so one descriptor serves every sync.
    this.walFd ??= fs.openSync(this.walFile, 'r+');
    const fd = this.walFd;
    return new Promise<void>((resolve, reject) => {
      fs.fdatasync(fd, (err) => {
        if (!err) return resolve();
        this.syncFailure ??= err;
        reject(err);
      });
    });
  }

  private throwIfSyncFailed() {
    if (this.syncFailure) throw new Error(`update log unavailable after a failed disk sync: ${this.syncFailure.message}`);
  }
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO document_updates (doc_name, data) VALUES (?, ?)'),
    load: db.prepare('SELECT data FROM document_updates WHERE doc_name = ? ORDER BY id').pluck(),
    removeUpTo: db.prepare('DELETE FROM document_updates WHERE doc_name = ? AND id <= ?'),
    count: db.prepare('SELECT COUNT(*) FROM document_updates WHERE doc_name = ?').pluck(),
    names: db.prepare('SELECT DISTINCT doc_name FROM document_updates ORDER BY doc_name').pluck(),
  };
}
