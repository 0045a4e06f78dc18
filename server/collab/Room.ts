import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import { applyUpdates } from '../storage/applyUpdates.js';
import type { DocumentStore } from '../storage/Store.js';
import { Connection } from './Connection.js';
import type { GroupCommit } from './GroupCommit.js';
import { CloseCode, awarenessFrame, updateFrame } from './protocol.js';
import { AwarenessGate } from './AwarenessGate.js';
import { EditorsSinceVersion, roomNotice, type RoomNotice } from './EditorsSinceVersion.js';
import { decodeJsonPayload, encodeJsonPayload } from '../scale/jsonPayload.js';
import type { RelayKind, RelayListener, RoomRelay } from '../scale/RoomRelay.js';

const FROM_STORAGE = Symbol('storage');
const FROM_RELAY = Symbol('relay');
/** Origin of edits the server itself makes in a room (comment anchors, restores, meta bumps). */
export const SERVER_EDIT = Symbol('server-edit');

/**
 * Presence changes are coalesced for this long and sent as one frame: with N editors each
 * moving a caret, sending every change to everyone costs N² frames; batching caps it at
 * N frames per window whatever the number of changes.
 */
const PRESENCE_BATCH_MS = 40;
/** How long after a catch-up the store could not answer it is tried again. */
const CATCH_UP_RETRY_MS = 1000;

/**
 * One loaded Yjs document and the connections editing it. An update from a connection is
 * applied and sent at once to every other connection in the room; it is appended to the durable
 * log, handed to the relay for other instances, and only then echoed to its sender: receiving it
 * back is the acknowledgement. Readers need not wait for the disk: should the process die before
 * the commit, the sender still holds the unacknowledged update and every reader holds a copy, and
 * the sync handshake on reconnect hands it to the server again.
 */
export class Room implements RelayListener {
  private readonly ydoc = new Y.Doc();
  /**
   * A stored snapshot not applied yet. A section that was compacted on unload loads as one
   * snapshot; until something needs the live document, new readers are answered from its
   * bytes, which spares a cold load the cost of integrating the whole document first.
   */
  private pendingSnapshot: Uint8Array | null = null;
  /** The pending snapshot's state vector, stored with it or computed once. */
  private pendingStateVector: Uint8Array | null = null;
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly connections = new Set<Connection>();
  /** Who edited since the section's last version (for automatic versions and attribution). */
  readonly sinceVersion = new EditorsSinceVersion({
    tell: (notice) => this.tellOthers(notice),
    claim: (what, forMs) => this.relay.claim(this.name, what, forMs),
  });
  private readonly awarenessGate = new AwarenessGate(this.awareness);
  private storedUpdates = 0;
  /** Whether the stored log is one snapshot with its state vector (nothing to compact). */
  private storedAsSnapshot = false;
  private readonly presence = { changed: new Set<number>(), changedHere: new Set<number>(), timer: null as NodeJS.Timeout | null };
  private compacting: Promise<void> | null = null;
  private readonly catchUps = { running: null as Promise<void> | null, queued: false };
  private destroyed = false;

  constructor(
    readonly name: string,
    private readonly documents: DocumentStore,
    private readonly commit: GroupCommit,
    private readonly compactAfterUpdates: number,
    private readonly relay: RoomRelay,
    private readonly log: Logger,
    private readonly onEmpty: (room: Room) => void,
  ) {
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => this.persistAndBroadcast(update, origin));
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      for (const id of [...added!, ...updated!, ...removed!]) {
        this.presence.changed.add(id);
        if (origin !== FROM_RELAY) this.presence.changedHere.add(id);
      }
      this.presence.timer ??= setTimeout(() => this.flushPresence(), PRESENCE_BATCH_MS);
    });
  }

  /** The live document, with any pending snapshot applied first. */
  get doc(): Y.Doc {
    if (this.pendingSnapshot) {
      const snapshot = this.pendingSnapshot;
      this.pendingSnapshot = null;
      this.pendingStateVector = null;
      Y.transact(this.ydoc, () => Y.applyUpdate(this.ydoc, snapshot), FROM_STORAGE);
    }
    return this.ydoc;
  }

  /** The document's state vector (for the sync step 1 sent to a new connection). */
  stateVector(): Uint8Array {
    if (!this.pendingSnapshot) return Y.encodeStateVector(this.ydoc);
    return (this.pendingStateVector ??= Y.encodeStateVectorFromUpdate(this.pendingSnapshot));
  }

  /** Everything a peer with this state vector is missing (the answer to its sync step 1). */
  missingFor(stateVector: Uint8Array): Uint8Array {
    if (!this.pendingSnapshot) return Y.encodeStateAsUpdate(this.ydoc, stateVector);
    // A peer with nothing (a browser opening the section) needs exactly the stored snapshot.
    return Y.decodeStateVector(stateVector).size === 0 ? this.pendingSnapshot : Y.diffUpdate(this.pendingSnapshot, stateVector);
  }

  /** Loads the stored log; nobody is answered before this resolves. */
  async load(): Promise<void> {
    const { updates, snapshotStateVector } = await this.documents.load(this.name);
    if (updates.length === 1) {
      this.pendingSnapshot = updates[0]!;
      this.pendingStateVector = snapshotStateVector;
      this.storedAsSnapshot = snapshotStateVector !== null;
    } else {
      applyUpdates(this.ydoc, updates, FROM_STORAGE);
    }
    this.storedUpdates = updates.length;
    this.log.debug('room.loaded', { updates: updates.length });
  }

  /** Applies a writer's update. Throws on a malformed update (the caller closes the connection). */
  applyClientUpdate(update: Uint8Array, from: Connection) {
    Y.applyUpdate(this.doc, update, from);
  }

  /** A change made by the server, persisted and broadcast like any client's. */
  applyServerEdit(change: (doc: Y.Doc) => void) {
    Y.transact(this.doc, () => change(this.doc), SERVER_EDIT);
  }

  applyClientAwareness(update: Uint8Array, from: Connection) {
    this.awarenessGate.apply(update, from);
  }

  /** What another instance published for this room. */
  receive(kind: RelayKind, payload: Uint8Array) {
    try {
      if (kind === 'update') Y.applyUpdate(this.doc, payload, FROM_RELAY);
      else if (kind === 'awareness') this.awarenessGate.applyRemote(payload, FROM_RELAY);
      else this.hearNotice(payload);
    } catch (err) {
      this.log.error('relay.apply_failed', { kind, err });
    }
  }

  /**
   * Applies what the store holds that this instance may have missed from the relay; open
   * connections receive just the difference. What was missed may have been stored after a
   * catch-up already running read the store, so a request then queues one more (only one).
   * One the store could not answer is tried again a second later, until it can.
   */
  catchUp(): void {
    if (this.catchUps.queued) return;
    this.catchUps.queued = true;
    const next = (this.catchUps.running ?? Promise.resolve()).then(async () => {
      this.catchUps.queued = false;
      const { updates } = await this.documents.load(this.name);
      if (!this.destroyed) applyUpdates(this.doc, updates, FROM_RELAY);
    }).catch((err) => {
      this.log.error('room.catch_up_failed', { err });
      if (!this.destroyed) setTimeout(() => { if (!this.destroyed) this.catchUp(); }, CATCH_UP_RETRY_MS).unref();
    }).finally(() => { if (this.catchUps.running === next) this.catchUps.running = null; });
    this.catchUps.running = next;
  }

  join(connection: Connection) {
    this.connections.add(connection);
  }

  leave(connection: Connection) {
    this.connections.delete(connection);
    this.awarenessGate.release(connection);
    if (this.connections.size === 0) this.onEmpty(this);
  }

  /**
   * Leaves the log as one snapshot with its state vector, unless it is that already (the next
   * load reads it without parsing); waits for any compaction already running.
   */
  async compactIfGrown(): Promise<void> {
    // A compaction that finishes may start the next one.
    while (this.compacting) await this.compacting;
    if (this.storedUpdates > 1 || (this.storedUpdates === 1 && !this.storedAsSnapshot)) await (this.compacting = this.compactNow());
  }

  destroy() {
    this.destroyed = true;
    // Destroying the awareness removes the server's own (empty) state, which the presence
    // listener would otherwise batch and relay: the timer is cleared after it.
    this.awareness.destroy();
    this.ydoc.destroy();
    if (this.presence.timer) clearTimeout(this.presence.timer);
  }

  private persistAndBroadcast(update: Uint8Array, origin: unknown) {
    if (origin === FROM_STORAGE) return;
    if (origin === FROM_RELAY) {
      // Already durable: the instance that accepted it committed before publishing.
      this.broadcast(updateFrame(update));
      return;
    }
    const sender = origin instanceof Connection ? origin : null;
    if (sender) this.sinceVersion.edited(sender.actor.id);
    const frame = updateFrame(update);
    for (const connection of this.connections) if (connection !== sender) connection.send(frame);
    this.commit.append(this.name, update).then(
      () => this.acknowledge(update, frame, sender),
      (err) => {
        // Not durable, so not acknowledged: close the sender; its provider resends on reconnect.
        this.log.error('room.commit_failed', { err });
        sender?.close(CloseCode.internalError, 'storage unavailable');
      },
    );
  }

  /** The update is durable: other instances get it, then its sender, for whom it is the acknowledgement. */
  private acknowledge(update: Uint8Array, frame: Uint8Array, sender: Connection | null) {
    this.storedUpdates++;
    this.compactIfDue();
    this.relay.publish(this.name, 'update', update).then(
      () => sender?.send(frame),
      (err) => {
        this.log.error('relay.publish_failed', { err });
        sender?.send(frame);
      },
    );
  }

  private flushPresence() {
    const { changed, changedHere } = this.presence;
    this.presence.timer = null;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...changed]);
    this.broadcast(awarenessFrame(update));
    if (changedHere.size > 0) {
      // Other instances need only what changed here (usually everything that changed).
      const local = changedHere.size === changed.size ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...changedHere]);
      this.relay.publish(this.name, 'awareness', local).catch((err) => this.log.warn('relay.publish_failed', { err }));
    }
    changed.clear();
    changedHere.clear();
  }

  private async compactNow(): Promise<void> {
    // Updates stored while the snapshot is computed stay beside it, so they still count.
    const covered = this.storedUpdates;
    try {
      await this.documents.compact(this.name);
      this.storedUpdates -= covered - 1;
      this.storedAsSnapshot = this.storedUpdates === 1;
      this.log.debug('room.compacted');
    } catch (err) {
      this.log.error('room.compact_failed', { err });
      return;
    } finally {
      this.compacting = null;
    }
    // A slow compaction of a busy document may leave as many rows as it removed.
    this.compactIfDue();
  }

  private compactIfDue() {
    if (this.storedUpdates >= this.compactAfterUpdates && !this.compacting) this.compacting = this.compactNow();
  }

  private tellOthers(notice: RoomNotice) {
    this.relay.publish(this.name, 'event', encodeJsonPayload(notice)).catch((err) => this.log.warn('relay.publish_failed', { err }));
  }

  private hearNotice(payload: Uint8Array) {
    const notice = decodeJsonPayload(roomNotice, payload);
    if (notice) this.sinceVersion.heard(notice);
    else this.log.warn('relay.bad_room_notice');
  }

  private broadcast(frame: Uint8Array) {
    for (const connection of this.connections) connection.send(frame);
  }
}
