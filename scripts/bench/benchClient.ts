import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
const CLOSE_WAIT_MS = 3000;

/** What a typist adds per keystroke group (an IME commits a word at a time). */
const WORDS = ['绩效', '目标', '预算', '执行', '资金', '使用', '效益', '管理', '完成', '情况', '良好', '改进'];

/** One edit as the sender saw it: the clock range it occupies in the sender's client id. */
export interface SentEdit {
  client: number;
  fromClock: number;
  toClock: number;
  sentAt: number;
}

/**
 * A light websocket client speaking the y-websocket protocol. It answers the server's sync
 * step 1 as a provider does and can type into its own Y.Doc and publish a cursor, but never
 * applies what it receives: receivers only timestamp incoming document updates.
 */
export class BenchClient {
  /** Called for every document update received (sync step 2 or update) with its arrival time. */
  onUpdate: ((update: Uint8Array, receivedAt: number) => void) | null = null;
  /** When the first sync step 2 arrived (the document as the server had it when we joined), and its size. */
  synced: { at: number; bytes: number } | null = null;
  private onSynced: (() => void) | null = null;
  private awarenessClock = 0;
  private typing: Y.XmlText | null = null;
  private localUpdate: Uint8Array | null = null;
  private readonly closed: Promise<void>;

  private constructor(private readonly ws: WebSocket, readonly doc: Y.Doc) {
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.on('message', (data: Buffer) => this.receive(data, performance.now()));
    doc.on('update', (update: Uint8Array, origin: unknown) => { if (origin === this) this.localUpdate = update; });
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  /** Opens the socket, sends sync step 1 and resolves once the server answered with step 2. */
  static connect(url: string, opts: { doc?: Y.Doc; timeoutMs?: number } = {}): Promise<BenchClient> {
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = new BenchClient(ws, opts.doc ?? new Y.Doc());
    return new Promise((resolve, reject) => {
      const fail = (why: string) => { clearTimeout(timer); ws.terminate(); reject(new Error(`${url.split('?')[0]}: ${why}`)); };
      const timer = setTimeout(() => fail(`not synced within ${timeoutMs / 1000} s`), timeoutMs);
      const failOnClose = (code: number) => fail(`closed with ${code} before sync`);
      const failOnError = (err: Error) => fail(err.message);
      ws.once('close', failOnClose);
      ws.on('error', failOnError);
      ws.once('open', () => client.send(syncFrame(SYNC_STEP1, Y.encodeStateVector(client.doc))));
      client.onSynced = () => {
        clearTimeout(timer);
        ws.off('close', failOnClose);
        ws.off('error', failOnError);
        // Later socket errors surface as a close; the scenario notices missing deliveries.
        ws.on('error', () => undefined);
        resolve(client);
      };
    });
  }

  /** Types a word at the end of this client's own paragraph and sends the resulting update. */
  edit(): SentEdit {
    const client = this.doc.clientID;
    const fromClock = Y.getState(this.doc.store, client);
    Y.transact(this.doc, () => {
      if (!this.typing) {
        const paragraph = new Y.XmlElement('paragraph');
        this.typing = new Y.XmlText();
        paragraph.insert(0, [this.typing]);
        const fragment = this.doc.getXmlFragment('default');
        fragment.insert(fragment.length, [paragraph]);
      }
      this.typing.insert(this.typing.length, WORDS[Math.floor(Math.random() * WORDS.length)]!);
    }, this);
    const frame = syncFrame(SYNC_UPDATE, this.localUpdate!);
    const sentAt = performance.now();
    this.send(frame);
    return { client, fromClock, toClock: Y.getState(this.doc.store, client), sentAt };
  }

  /** Publishes presence as a TipTap collaboration caret does: user and a cursor position. */
  publishAwareness() {
    const position = { type: null, tname: null, item: { client: this.clientId, clock: Y.getState(this.doc.store, this.clientId) }, assoc: 0 };
    const state = { user: { name: `bench-${this.clientId}`, color: '#30bced' }, cursor: { anchor: position, head: position } };
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.clientId);
    encoding.writeVarUint(update, ++this.awarenessClock);
    encoding.writeVarString(update, JSON.stringify(state));
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
    this.send(encoding.toUint8Array(frame));
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    const timer = setTimeout(() => this.ws.terminate(), CLOSE_WAIT_MS);
    await this.closed;
    clearTimeout(timer);
  }

  private send(frame: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  private receive(data: Buffer, receivedAt: number) {
    if (data[0] !== MESSAGE_SYNC) return;
    const decoder = decoding.createDecoder(data);
    decoding.readVarUint(decoder);
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === SYNC_STEP1) {
      this.send(syncFrame(SYNC_STEP2, Y.encodeStateAsUpdate(this.doc, payload)));
      return;
    }
    if (syncType === SYNC_STEP2 && !this.synced) {
      this.synced = { at: receivedAt, bytes: payload.length };
      this.onSynced?.();
      this.onSynced = null;
    }
    this.onUpdate?.(payload, receivedAt);
  }
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
