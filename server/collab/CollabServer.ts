import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { parseMetaRoomName, parseSectionRoomName } from '../../shared/rooms.js';
import type { AccessChange, Accounts, Session } from '../accounts/Accounts.js';
import { credentialOf } from '../http/credentials.js';
import type { Logger } from '../logger.js';
import type { Reports } from '../reports/Reports.js';
import type { DocumentStore } from '../storage/Store.js';
import { Connection } from './Connection.js';
import { GroupCommit } from './GroupCommit.js';
import { CloseCode } from './protocol.js';
import { Room, SERVER_EDIT } from './Room.js';
import type { RoomRelay } from '../scale/RoomRelay.js';

export const COLLAB_PATH_PREFIX = '/collab/';

/** Frames a client may send before its authentication finishes; more is abuse. */
const MAX_EARLY_FRAMES = 256;

export interface CollabOptions {
  keepaliveMs: number;
  unloadGraceMs: number;
  maxFrameBytes: number;
  compactAfterUpdates: number;
  commitIntervalMs: number;
}

/** A socket let into a room, and how many rights re-checks of its report had begun before its own check. */
interface Admission {
  connection: Connection;
  reportId: string;
  refreshesBefore: number;
}

/** How long after a failed re-check of a report's rights (the store unreachable) it is tried again. */
const ACCESS_RETRY_MS = 1000;

const ACCESS_CHANGE_CLOSE: Record<AccessChange, [number, string]> = {
  disabled: [CloseCode.forbidden, 'account disabled'],
  signed_out: [CloseCode.unauthenticated, 'signed out'],
  rights_changed: [CloseCode.rightsChanged, 'rights changed'],
};

/**
 * The y-websocket endpoint: authenticates each upgrade, asks the reports policy what the user
 * may do in the requested section, and hands the socket to that section's room. Emits
 * `report-changed` (reportId) when this instance changed what a report's sockets may do.
 */
export class CollabServer extends EventEmitter<{ 'report-changed': [reportId: string] }> {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();
  /** How often each report's sockets have had their rights re-checked (see handleUpgrade). */
  private readonly accessRefreshes = new Map<string, number>();
  /** Reports whose failed re-check is due to be tried again. */
  private readonly accessRetries = new Set<string>();
  readonly commit: GroupCommit;
  private closing = false;
  private beforeUnload: (room: Room) => Promise<void> = async () => {};

  constructor(
    private readonly accounts: Accounts,
    private readonly reports: Reports,
    private readonly documents: DocumentStore,
    private readonly options: CollabOptions,
    private readonly relay: RoomRelay,
    private readonly log: Logger,
  ) {
    super();
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes });
    this.commit = new GroupCommit(documents, options.commitIntervalMs);
    accounts.on('access-changed', (userId, change) => {
      this.closeConnectionsWhere((connection) => connection.actor.id === userId, ACCESS_CHANGE_CLOSE[change]);
    });
    accounts.on('session-ended', (sessionId) => {
      this.closeConnectionsWhere((connection) => connection.session.id === sessionId, [CloseCode.unauthenticated, 'signed out']);
    });
  }

  /** Hooked to the HTTP server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (this.closing || !pathname.startsWith(COLLAB_PATH_PREFIX)) {
      socket.end(`HTTP/1.1 ${this.closing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // Listen at once: frames sent while we authenticate must not be lost.
      const early: RawData[] = [];
      const buffer = (data: RawData) => {
        early.push(data);
        if (early.length > MAX_EARLY_FRAMES) ws.close(CloseCode.malformed, 'too many frames before ready');
      };
      ws.on('message', buffer);
      ws.on('error', (err) => this.log.warn('ws.error', { err }));
      this.admit(req, ws, pathname.slice(COLLAB_PATH_PREFIX.length)).then(
        (admitted) => {
          ws.off('message', buffer);
          if (!admitted) return;
          const { connection, reportId, refreshesBefore } = admitted;
          if (ws.readyState !== ws.OPEN) {
            connection.close(CloseCode.goingAway, 'closed during load');
            return;
          }
          connection.start(early, this.options.keepaliveMs);
          // The report's rights were re-checked while this socket was being admitted, before it
          // had joined and could be seen: its rights may be stale, so check again now it is in.
          if (this.refreshCount(reportId) !== refreshesBefore) this.refreshAccess(reportId);
        },
        (err) => {
          this.log.error('ws.admit_failed', { err });
          ws.close(CloseCode.internalError, 'internal error');
        },
      );
    });
  }

  /** Called before a room unloads (e.g. to leave a version of an editing session behind). */
  onBeforeUnload(hook: (room: Room) => Promise<void>) {
    this.beforeUnload = hook;
  }

  loadedRooms(): Room[] {
    return [...this.rooms.values()];
  }

  get loadedRoomCount(): number {
    return this.rooms.size;
  }

  connectionCount(): number {
    let count = 0;
    for (const room of this.rooms.values()) count += room.connections.size;
    return count;
  }

  /**
   * Runs `work` on a room, loading it first if nobody has it open, and lets it unload again
   * afterwards. Edits made through `room.applyServerEdit` are durable when this resolves.
   */
  async withRoom<T>(name: string, work: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.roomFor(name);
    try {
      return await work(room);
    } finally {
      await this.commit.flush();
      if (room.connections.size === 0) this.scheduleUnload(room);
    }
  }

  /**
   * Re-asks the policy, in the background, for every open connection to a report's sections
   * (status or rights changed). While the store cannot answer, the connections it could not
   * check may not write, and the re-check is tried again every second until it succeeds.
   */
  refreshAccess(reportId: string, retrying = false): void {
    this.checkAccess(reportId).then(
      () => { if (retrying) this.log.info('collab.access_refresh_recovered', { reportId }); },
      (err) => {
        this.log.warn('collab.access_refresh_failed', { reportId, err });
        if (this.closing || this.accessRetries.has(reportId)) return;
        this.accessRetries.add(reportId);
        setTimeout(() => {
          this.accessRetries.delete(reportId);
          this.refreshAccess(reportId, true);
        }, ACCESS_RETRY_MS).unref();
      },
    );
  }

  /**
   * Checks every open socket's session and rights against the store, as the instance events
   * would have: after this instance may have missed some (see InstanceEventRelay). Rejects if a
   * session cannot be read; the rights are re-checked in the background (refreshAccess).
   */
  async recheckConnections(): Promise<void> {
    // A user's session usually has several sections open: look each session up once.
    const sessions = new Map<string, Promise<Session | undefined>>();
    for (const room of [...this.rooms.values()]) {
      for (const connection of [...room.connections]) {
        const { id } = connection.session;
        if (!sessions.has(id)) sessions.set(id, this.accounts.sessionById(id));
        const now = await sessions.get(id);
        const was = connection.actor;
        const change: AccessChange | null = !now ? 'signed_out' : now.actor.disabled ? 'disabled'
          : now.actor.role !== was.role || now.actor.department !== was.department ? 'rights_changed' : null;
        if (change) connection.close(...ACCESS_CHANGE_CLOSE[change]);
      }
    }
    const reportIds = new Set([...this.rooms.keys()].map((name) => parseSectionRoomName(name)?.reportId));
    for (const reportId of reportIds) if (reportId) this.refreshAccess(reportId);
  }

  /** One pass of refreshAccess; rejects if any connection's rights could not be read. */
  private async checkAccess(reportId: string): Promise<void> {
    this.accessRefreshes.set(reportId, this.refreshCount(reportId) + 1);
    let failure: unknown = null;
    for (const room of this.rooms.values()) {
      const target = parseSectionRoomName(room.name);
      if (!target || target.reportId !== reportId) continue;
      for (const connection of room.connections) {
        try {
          const access = await this.reports.roomAccess(connection.actor, reportId, target.sectionKey);
          connection.canEdit = access.kind === 'granted' && access.canEdit;
        } catch (err) {
          connection.canEdit = false;
          failure ??= err;
        }
      }
    }
    if (failure) throw failure;
  }

  /** Closes every socket with a reason, waits for pending writes, compacts and unloads rooms. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.loading.values(), ...this.unloading.values()]);
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) connection.close(CloseCode.goingAway, 'server shutting down');
    }
    await this.commit.flush();
    // Unloading a section may still write its report's meta room, so meta rooms go last and
    // the loop runs until nothing is loaded.
    while (this.rooms.size > 0) {
      const rooms = [...this.rooms.values()].sort((a, b) => Number(parseMetaRoomName(a.name) !== null) - Number(parseMetaRoomName(b.name) !== null));
      for (const room of rooms) await this.unload(room);
    }
    this.wss.close();
  }

  private refreshCount(reportId: string): number {
    return this.accessRefreshes.get(reportId) ?? 0;
  }

  private async admit(req: IncomingMessage, ws: WebSocket, roomName: string): Promise<Admission | undefined> {
    const session = await this.accounts.session(credentialOf(req, { allowQuery: true })?.token);
    if (!session) {
      ws.close(CloseCode.unauthenticated, 'not authenticated');
      return undefined;
    }
    const { actor } = session;
    const log = this.log.child({ room: roomName, user: actor.username });
    if (actor.disabled) return this.refuse(ws, log, CloseCode.forbidden, 'account disabled');
    const meta = parseMetaRoomName(roomName);
    const target = meta ? { reportId: meta.reportId, sectionKey: null } : parseSectionRoomName(roomName);
    if (!target) return this.refuse(ws, log, CloseCode.notFound, 'no such room');
    const refreshesBefore = this.refreshCount(target.reportId);
    const access = await this.reports.roomAccess(actor, target.reportId, target.sectionKey);
    if (access.kind === 'forbidden') return this.refuse(ws, log, CloseCode.forbidden, 'no access to this report');
    if (access.kind === 'not_found') return this.refuse(ws, log, CloseCode.notFound, 'no such section');
    const room = await this.roomFor(roomName);
    log.info('ws.open', { canEdit: access.canEdit });
    return { connection: new Connection(ws, session, room, access.canEdit, log), reportId: target.reportId, refreshesBefore };
  }

  private refuse(ws: WebSocket, log: Logger, code: number, reason: string): undefined {
    log.info('ws.refused', { code, reason });
    ws.close(code, reason);
    return undefined;
  }

  /** The loaded room for a name, loading it from storage first; one load per name at a time. */
  private async roomFor(name: string): Promise<Room> {
    await this.unloading.get(name);
    const loaded = this.rooms.get(name);
    if (loaded) {
      clearTimeout(this.unloadTimers.get(loaded));
      this.unloadTimers.delete(loaded);
      return loaded;
    }
    let pending = this.loading.get(name);
    if (!pending) {
      const room = new Room(name, this.documents, this.commit, this.options.compactAfterUpdates, this.relay,
        this.log.child({ room: name }), (empty) => this.scheduleUnload(empty));
      const meta = parseMetaRoomName(name);
      // A meta room changes when statuses or rights change: re-check the gate, whichever instance
      // wrote it. Instances holding the report's sections but not this room hear of an edit made
      // here from the event relay.
      if (meta) {
        room.doc.on('update', (_update: Uint8Array, origin: unknown) => {
          this.refreshAccess(meta.reportId);
          if (origin === SERVER_EDIT) this.emit('report-changed', meta.reportId);
        });
      }
      pending = (async () => {
        // Take the relay position first: what other instances publish during the load is replayed.
        const position = await this.relay.position(name);
        await room.load();
        this.relay.watch(name, position, room);
        this.rooms.set(name, room);
        return room;
      })().finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  private scheduleUnload(room: Room) {
    if (this.closing) return;
    clearTimeout(this.unloadTimers.get(room));
    this.unloadTimers.set(room, setTimeout(() => {
      this.unloadTimers.delete(room);
      if (room.connections.size > 0 || this.rooms.get(room.name) !== room) return;
      const done = this.unload(room).finally(() => this.unloading.delete(room.name));
      this.unloading.set(room.name, done);
    }, this.options.unloadGraceMs));
  }

  private async unload(room: Room) {
    await this.beforeUnload(room).catch((err) => this.log.error('room.before_unload_failed', { room: room.name, err }));
    this.rooms.delete(room.name);
    this.relay.unwatch(room.name);
    await this.commit.flush();
    await room.compactIfGrown();
    room.destroy();
    this.log.debug('room.unloaded', { room: room.name });
  }

  private closeConnectionsWhere(matches: (connection: Connection) => boolean, [code, reason]: readonly [number, string]) {
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) {
        if (matches(connection)) connection.close(code, reason);
      }
    }
  }
}

