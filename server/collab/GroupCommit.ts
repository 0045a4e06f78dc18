import type { DocumentStore, DocumentUpdate } from '../storage/Store.js';

/** The updates waiting for the next commit, and its outcome, which they all share. */
interface NextCommit {
  updates: DocumentUpdate[];
  done: Promise<void>;
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
  private next: NextCommit | null = null;
  private running: Promise<void> | null = null;
  private lastCommitStartedAt = -Infinity;

  constructor(private readonly documents: DocumentStore, private readonly minIntervalMs: number) {}

  /** Resolves once the update is on disk. The updates of one commit share one promise. */
  append(docName: string, update: Uint8Array): Promise<void> {
    this.next ??= nextCommit();
    this.next.updates.push({ docName, update });
    if (!this.running) this.running = this.drainSoon();
    return this.next.done;
  }

  /** Resolves once everything appended so far is on disk (or has failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.next) {
      const wait = this.lastCommitStartedAt + this.minIntervalMs - performance.now();
      if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
      this.lastCommitStartedAt = performance.now();
      const commit = this.next;
      this.next = null;
      try {
        await this.documents.append(commit.updates);
        commit.resolve();
      } catch (err) {
        commit.reject(err);
      }
    }
    this.running = null;
  }
}

function nextCommit(): NextCommit {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { updates: [], done, resolve, reject };
}
