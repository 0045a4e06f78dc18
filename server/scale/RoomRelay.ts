/**
 * Carries a room's updates and presence between server instances that hold the same room.
 * A single instance uses `LocalOnlyRelay`; several share a `RedisStreamRelay`.
 */
/**
 * A room's document updates and presence, and `event`: a notice, instance-wide on the events feed
 * (InstanceEventRelay) or about a room's versions on its own feed (EditorsSinceVersion).
 */
export type RelayKind = 'update' | 'awareness' | 'event';

export interface RelayListener {
  /** Applies what another instance published; it is already durable when kind is 'update'. */
  receive(kind: RelayKind, payload: Uint8Array): void;
  /**
   * Some of the feed may never arrive (it was trimmed before this instance read it, the relay
   * restarted empty, or another instance could not publish): catch up from the store, which
   * holds everything that was published.
   */
  catchUp(): void;
}

export interface RoomRelay {
  /** A position in the room's feed, taken before loading it from storage. */
  position(roomName: string): Promise<string>;
  /** Starts delivering the room's feed after `position` to the listener. */
  watch(roomName: string, position: string, listener: RelayListener): void;
  unwatch(roomName: string): void;
  /** Publishes to the other instances; resolves once the feed holds it. */
  publish(roomName: string, kind: RelayKind, payload: Uint8Array): Promise<void>;
  /**
   * Whether this instance may do `what` for the room: true for the first instance to ask within
   * `forMs`, false for the others. True when the relay cannot tell (doing it twice beats not at all).
   */
  claim(roomName: string, what: string, forMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export class LocalOnlyRelay implements RoomRelay {
  async position() { return ''; }
  watch() {}
  unwatch() {}
  async publish() {}
  async claim() { return true; }
  async close() {}
}
