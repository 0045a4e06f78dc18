import type { DocumentStore, DocumentUpdate } from '../storage/Store.js';

interface Pending extends DocumentUpdate {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Appends updates to the document store in groups: everything that arrives while the previous
 * commit is running (or within the same event-loop turn) shares one durable commit. Commits
 * run one after another, so promises resolve in arrival order.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private readonly listeners: ((batch: readonly DocumentUpdate[]) => void)[] = [];

  constructor(private readonly documents: DocumentStore) {}

  append(docName: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, update, resolve, reject });
      if (!this.running) this.running = this.drainSoon();
    });
  }

  /** Called after each successful commit with what it stored. */
  onCommit(listener: (batch: readonly DocumentUpdate[]) => void) {
    this.listeners.push(listener);
  }

  /** Resolves once everything appended so far is on disk (or has failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.documents.append(batch);
        for (const item of batch) item.resolve();
        for (const listener of this.listeners) listener(batch);
      } catch (err) {
        for (const item of batch) item.reject(err);
      }
    }
    this.running = null;
  }
}
