import { Worker } from 'node:worker_threads';

/** A document's stored updates folded into one, its state vector, and the last row id it covers. */
export interface CompactionSnapshot {
  snapshot: Uint8Array;
  stateVector: Uint8Array;
  upTo: number;
}

type Request = { op: 'snapshot'; docName: string } | { op: 'drainJournal' } | { op: 'close' };
type Reply = { id: number; error?: string; snapshot?: Uint8Array | null; stateVector?: Uint8Array; upTo?: number };

/**
 * The update log's slow chores, on a worker thread with its own SQLite connection: moving the
 * journal's rows into the indexed log, folding a document's updates into a compaction snapshot
 * (applying hundreds of updates would stall the event loop) and checkpointing the WAL into the
 * database file (two fsyncs). Only the move takes the write lock; SqliteUpdateLog writes nothing
 * while one is under way.
 */
export class SqliteLogMaintainer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(file: string) {
    this.worker = new Worker(new URL('./sqliteLogMaintainer.worker.mjs', import.meta.url), { workerData: { file } });
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`update log maintainer exited with ${code}`)); });
  }

  /** The document's updates folded into one; null when there is nothing to fold (no rows, or a snapshot alone). */
  async snapshot(docName: string): Promise<CompactionSnapshot | null> {
    const { snapshot, stateVector, upTo } = await this.request({ op: 'snapshot', docName });
    return snapshot && stateVector && upTo !== undefined ? { snapshot, stateVector, upTo } : null;
  }

  /** Moves every row of the journal into the indexed log, in one transaction. */
  async drainJournal(): Promise<void> {
    await this.request({ op: 'drainJournal' });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.request({ op: 'close' });
    await this.worker.terminate();
  }

  private request(request: Request): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  private fail(err: Error) {
    this.failure = err;
    for (const { reject } of this.pending.values()) reject(err);
    this.pending.clear();
  }
}
