import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { DocumentStore } from '../storage/Store.js';
import { Connection } from './Connection.js';
import type { GroupCommit } from './GroupCommit.js';
import { CloseCode, awarenessFrame, updateFrame } from './protocol.js';
import { AwarenessGate } from './AwarenessGate.js';

const FROM_STORAGE = Symbol('storage');

/**
 * One loaded Yjs document and the connections editing it. An update from a connection is
 * applied, appended to the durable log, and only once it is committed broadcast to every
 * connection, its sender included: receiving it back is the acknowledgement.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private readonly awarenessGate = new AwarenessGate(this.awareness);
  private storedUpdates = 0;
  private compacting: Promise<void> | null = null;

  constructor(
    readonly name: string,
    private readonly documents: DocumentStore,
    private readonly commit: GroupCommit,
    private readonly compactAfterUpdates: number,
    private readonly log: Logger,
    private readonly onEmpty: (room: Room) => void,
  ) {
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.persistAndBroadcast(update, origin));
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      const changed = [...added!, ...updated!, ...removed!];
      this.broadcast(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
    });
  }

  /** Loads the stored log; nobody is answered before this resolves. */
  async load(): Promise<void> {
    const updates = await this.documents.load(this.name);
    Y.transact(this.doc, () => {
      for (const update of updates) Y.applyUpdate(this.doc, update);
    }, FROM_STORAGE);
    this.storedUpdates = updates.length;
    this.log.debug('room.loaded', { updates: updates.length });
  }

  /** Applies a writer's update. Throws on a malformed update (the caller closes the connection). */
  applyClientUpdate(update: Uint8Array, from: Connection) {
    Y.applyUpdate(this.doc, update, from);
  }

  applyClientAwareness(update: Uint8Array, from: Connection) {
    this.awarenessGate.apply(update, from);
  }

  join(connection: Connection) {
    this.connections.add(connection);
  }

  leave(connection: Connection) {
    this.connections.delete(connection);
    this.awarenessGate.release(connection);
    if (this.connections.size === 0) this.onEmpty(this);
  }

  /** Compacts the log if it grew since load; waits for any compaction already running. */
  async compactIfGrown(): Promise<void> {
    if (this.compacting) await this.compacting;
    if (this.storedUpdates > 1) await this.compactNow();
  }

  destroy() {
    this.awareness.destroy();
    this.doc.destroy();
  }

  private persistAndBroadcast(update: Uint8Array, origin: unknown) {
    if (origin === FROM_STORAGE) return;
    this.commit.append(this.name, update).then(
      () => {
        this.broadcast(updateFrame(update));
        this.storedUpdates++;
        if (this.storedUpdates >= this.compactAfterUpdates && !this.compacting) {
          this.compacting = this.compactNow();
        }
      },
      (err) => {
        // Not durable, so not acknowledged: close the sender; its provider resends on reconnect.
        this.log.error('room.commit_failed', { err });
        if (origin instanceof Connection) origin.close(CloseCode.internalError, 'storage unavailable');
      },
    );
  }

  private async compactNow(): Promise<void> {
    try {
      await this.documents.compact(this.name);
      this.storedUpdates = 1;
      this.log.debug('room.compacted');
    } catch (err) {
      this.log.error('room.compact_failed', { err });
    } finally {
      this.compacting = null;
    }
  }

  private broadcast(frame: Uint8Array) {
    for (const connection of this.connections) connection.send(frame);
  }
}
