import { Worker } from 'node:worker_threads';
import type { DocumentUpdate } from './Store.js';

type Request = { op: 'append'; batch: readonly DocumentUpdate[] } | { op: 'compact'; docName: string } | { op: 'close' };

/**
 * Sends the update log's writes to a worker thread with its own SQLite connection, so the
 * fsync of each durable commit never stalls the event loop that serves every editor. The
 * worker handles requests one at a time, in order: appends stay in arrival order.
 */
export class SqliteDocumentWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(file: string) {
    this.worker = new Worker(new URL('./sqliteDocumentWriter.worker.mjs', import.meta.url), { workerData: { file } });
    this.worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiting?.reject(new Error(error));
      else waiting?.resolve();
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`document writer exited with ${code}`)); });
  }

  append(batch: readonly DocumentUpdate[]): Promise<void> {
    // Only data crosses to the worker (callers' items may carry more, e.g. promise callbacks).
    return this.request({ op: 'append', batch: batch.map(({ docName, update }) => ({ docName, update })) });
  }

  compact(docName: string): Promise<void> {
    return this.request({ op: 'compact', docName });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.request({ op: 'close' });
    await this.worker.terminate();
  }

  private request(request: Request): Promise<void> {
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
