import fs from 'node:fs';

/**
 * How the event loop writes the SQLite file, on any of its connections.
 *
 * Those connections use synchronous=NORMAL: a commit writes its WAL frames but does not sync
 * them. Before a write's promise resolves, the WAL file is fdatasync'd on libuv's thread pool, so
 * a resolved write is on disk exactly as with synchronous=FULL, while the event loop never waits
 * for the disk (a FULL commit there had stalled every editor for 40-50 ms). A sync covers every
 * frame written before it, whichever connection wrote it.
 *
 * The maintainer thread's journal moves hold SQLite's write lock (for tens of ms, hundreds on a
 * busy machine); a write started meanwhile would sleep in SQLite's busy handler, on the event
 * loop. Writes wait for a move asynchronously instead, and a move starts only between writes.
 */
export class SqliteWriteGate {
  private walFd: number | null = null;
  /** After a failed sync the disk's state is unknown: nothing more is written. */
  private syncFailure: Error | null = null;
  /** Another thread's write under way (a journal move). */
  private held: Promise<void> | null = null;

  constructor(private readonly walFile: string) {}

  get failed(): boolean {
    return this.syncFailure !== null;
  }

  /** Runs `write` (synchronous statements) once no other thread writes, and resolves once it is on disk. */
  async write<T>(write: () => T): Promise<T> {
    await this.free();
    this.throwIfFailed();
    // Synchronous from here to the sync: no move can start in between.
    const result = write();
    await this.syncWal();
    return result;
  }

  /** Lets another thread write: the event loop's writes wait until `otherWrite` settles. */
  holdFor(otherWrite: Promise<void>): Promise<void> {
    const held = otherWrite.finally(() => { this.held = null; });
    this.held = held.catch(() => {});
    return held;
  }

  /** Whether another thread's write is under way. */
  get isHeld(): boolean {
    return this.held !== null;
  }

  /** Resolves once no other thread's write is under way. */
  async free(): Promise<void> {
    while (this.held) await this.held;
  }

  private throwIfFailed() {
    if (this.syncFailure) throw new Error(`database unavailable after a failed disk sync: ${this.syncFailure.message}`);
  }

  close() {
    if (this.walFd !== null) fs.closeSync(this.walFd);
    this.walFd = null;
  }

  private syncWal(): Promise<void> {
    // The WAL exists once a transaction has committed, and lives as long as the connections do,
    // so one descriptor serves every sync.
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
}
