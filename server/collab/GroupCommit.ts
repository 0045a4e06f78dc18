import type { DocumentStore, DocumentUpdate } from '../storage/Store.js';

interface Pending extends DocumentUpdate {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Appends updates to the document store in groups. A commit starts as soon as the previous one
 * has finished and at least `minIntervalMs` has passed since the previous one started; everything
 * that arrives meanwhile shares it. A lone edit after a quiet spell is committed at once, while a
 * busy server pays for one durable write (an fsync) per interval instead of one per few updates.
 * Only the senders' acknowledgements wait for it: other readers get updates before the commit.
 * Commits run one after another, so promises resolve in arrival order.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private lastCommitStartedAt = -Infinity;

  constructor(private readonly documents: DocumentStore, private readonly minIntervalMs: number) {}

  append(docName: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, update, resolve, reject });
      if (!this.running) this.running = this.drainSoon();
    });
  }

  /** Resolves once everything appended so far is on disk (or has failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const wait = this.lastCommitStartedAt + this.minIntervalMs - performance.now();
      if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
      this.lastCommitStartedAt = performance.now();
      const batch = this.queue;
      this.queue = [];
      try {
        await this.documents.append(batch);
        for (const item of batch) item.resolve();
      } catch (err) {
        for (const item of batch) item.reject(err);
      }
    }
    this.running = null;
  }
}
