import type { RawData, WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Actor } from '../accounts/Actor.js';
import type { Session } from '../accounts/Accounts.js';
import type { Logger } from '../logger.js';
import {
  CloseCode, KEEPALIVE_FRAME, ProtocolError, awarenessFrame, parseClientMessage, syncStep1Frame, syncStep2Frame,
} from './protocol.js';
import type { Room } from './Room.js';

/** A reader that lets this much go unread is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/**
 * One websocket in one room: the permission gate sits here. A read-only connection gets the
 * document and presence, but its document updates are dropped without any answer. The socket
 * lives no longer than the session it was opened with.
 */
export class Connection {
  readonly actor: Actor;
  private keepalive: NodeJS.Timeout | undefined;
  private alive = true;
  private closed = false;
  droppedUpdates = 0;

  constructor(
    private readonly ws: WebSocket,
    readonly session: Session,
    readonly room: Room,
    /** Re-evaluated when the section's workflow status or the user's rights change. */
    public canEdit: boolean,
    private readonly log: Logger,
  ) {
    this.actor = session.actor;
  }

  /** Joins the (loaded) room, replays frames that arrived during authentication, then listens. */
  start(earlyFrames: readonly RawData[], keepaliveMs: number) {
    this.room.join(this);
    this.ws.on('close', (code, reason) => this.onClose(code, reason.toString()));
    this.ws.on('pong', () => { this.alive = true; });
    // The client's own sync step 1 usually arrived while we authenticated: answering it first
    // gets the document to a newly opened editor sooner (the protocol does not care about order).
    for (const frame of earlyFrames) this.receive(frame);
    this.send(syncStep1Frame(this.room.stateVector()));
    const present = [...this.room.awareness.getStates().keys()];
    if (present.length > 0) this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, present)));
    this.ws.on('message', (data) => this.receive(data));
    this.keepalive = setInterval(() => this.tick(), keepaliveMs);
  }

  send(frame: Uint8Array) {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.tooSlow, 'connection too slow');
      return;
    }
    this.ws.send(frame);
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.cleanup();
  }

  private receive(data: RawData) {
    if (this.closed) return;
    try {
      this.handle(toBytes(data));
    } catch (err) {
      const reason = err instanceof ProtocolError ? err.message : `update rejected: ${(err as Error).message}`;
      this.log.warn('ws.malformed_frame', { reason: reason.slice(0, 200) });
      this.close(CloseCode.malformed, 'malformed frame');
    }
  }

  private handle(frame: Uint8Array) {
    const message = parseClientMessage(frame);
    switch (message.type) {
      case 'sync-step1':
        this.send(syncStep2Frame(this.room.missingFor(message.stateVector)));
        return;
      case 'sync-update':
        if (!this.canEdit) {
          this.droppedUpdates++;
          if (this.droppedUpdates === 1) this.log.info('ws.readonly_update_dropped');
          return;
        }
        this.room.applyClientUpdate(message.update, this);
        return;
      case 'awareness':
        this.room.applyClientAwareness(message.update, this);
        return;
      case 'query-awareness': {
        const ids = [...this.room.awareness.getStates().keys()];
        this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids)));
      }
    }
  }

  /**
   * Keeps quiet viewers inside the provider's 30 s silence timeout, detects dead peers, and
   * ends the socket once its session has expired (the provider then finds itself signed out).
   */
  private tick() {
    if (Date.now() >= this.session.expiresAt) {
      this.close(CloseCode.unauthenticated, 'session expired');
      return;
    }
    if (!this.alive) {
      this.log.info('ws.dead_peer');
      this.ws.terminate();
      this.cleanup();
      return;
    }
    this.alive = false;
    this.ws.ping();
    this.send(KEEPALIVE_FRAME);
  }

  private onClose(code: number, reason: string) {
    this.log.info('ws.close', { code, reason });
    this.cleanup();
  }

  private cleanup() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    this.room.leave(this);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
