import { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A bare websocket speaking the y-websocket protocol by hand, to send what a real client never would. */
export class RawClient {
  readonly frames: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.frames.push(new Uint8Array(data)));
    ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
    const ws = new WebSocket(url, { headers });
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(frame: Uint8Array) {
    this.ws.send(frame);
  }

  /** Resolves with the close code (waits for the server to close). */
  waitClose(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket not closed')), timeoutMs);
      this.ws.once('close', (code, reason) => { clearTimeout(timer); resolve({ code, reason: reason.toString() }); });
    });
  }

  /** Message types (first varuint) of every frame received so far. */
  messageTypes(): number[] {
    return this.frames.map((f) => decoding.readVarUint(decoding.createDecoder(f)));
  }

  /** Sync sub-types of received sync frames (0 step1, 1 step2, 2 update). */
  syncTypes(): number[] {
    return this.frames.filter((f) => f[0] === 0).map((f) => {
      const d = decoding.createDecoder(f);
      decoding.readVarUint(d);
      return decoding.readVarUint(d);
    });
  }

  close() {
    this.ws.close();
  }
}

export function syncFrame(syncType: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** An awareness update as y-protocols encodes one. */
export function awarenessUpdateOf(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

export function awarenessFrameOf(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, awarenessUpdateOf(entries));
  return encoding.toUint8Array(e);
}

/** The entries of an awareness frame as the server sent it; none for any other frame. */
export function awarenessEntriesOf(frame: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(frame);
  if (decoding.readVarUint(d) !== 1) return [];
  const update = decoding.createDecoder(decoding.readVarUint8Array(d));
  return Array.from({ length: decoding.readVarUint(update) }, () => ({
    clientId: decoding.readVarUint(update),
    clock: decoding.readVarUint(update),
    state: JSON.parse(decoding.readVarString(update)) as unknown,
  }));
}
