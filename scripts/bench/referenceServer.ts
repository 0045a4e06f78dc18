/**
 * The reference the project server is measured against: a bare y-protocols relay with the
 * classic y-websocket server logic. One Y.Doc per room name (the URL path after /collab/), no
 * authentication, no storage, and every document update and awareness update is sent to every
 * connection in the room at once. Documents stay in memory (classic behaviour without persistence).
 *
 * Run as its own process: `PORT=0 node --import tsx scripts/bench/referenceServer.ts`.
 */
import http from 'node:http';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer, type WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const PING_INTERVAL_MS = 30_000;

class SharedRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection with the awareness client ids it controls (removed when it leaves). */
  readonly connections = new Map<WebSocket, Set<number>>();

  constructor() {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array) => {
      this.broadcast(frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update)));
    });
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const controlled = this.connections.get(origin as WebSocket);
      if (controlled) {
        for (const id of added!) controlled.add(id);
        for (const id of removed!) controlled.delete(id);
      }
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added!, ...updated!, ...removed!]);
      this.broadcast(frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update)));
    });
  }

  join(ws: WebSocket) {
    this.connections.set(ws, new Set());
    send(ws, frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, present);
      send(ws, frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update)));
    }
  }

  receive(ws: WebSocket, message: Uint8Array) {
    const decoder = decoding.createDecoder(message);
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE_SYNC: {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, ws);
        // Only the message type: nothing to answer (an update or a step 2 was applied).
        if (encoding.length(reply) > 1) send(ws, encoding.toUint8Array(reply));
        break;
      }
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), ws);
        break;
    }
  }

  leave(ws: WebSocket) {
    const controlled = this.connections.get(ws);
    if (!controlled) return;
    this.connections.delete(ws);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
  }

  private broadcast(message: Uint8Array) {
    for (const ws of this.connections.keys()) send(ws, message);
  }
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function send(ws: WebSocket, message: Uint8Array) {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(message, (err) => { if (err) ws.terminate(); });
}

const rooms = new Map<string, SharedRoom>();

function roomNamed(name: string): SharedRoom {
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new SharedRoom()));
  return room;
}

const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: httpServer });

wss.on('connection', (ws, req) => {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const room = roomNamed(pathname.replace(/^\/collab\//, ''));
  room.join(ws);
  ws.on('message', (data: Buffer) => {
    try {
      room.receive(ws, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      console.error(err);
    }
  });
  let alive = true;
  ws.on('pong', () => { alive = true; });
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_INTERVAL_MS);
  ws.on('close', () => {
    clearInterval(ping);
    room.leave(ws);
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
