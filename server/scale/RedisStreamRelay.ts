import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { outdatedTimeout as PRESENCE_TIMEOUT_MS } from 'y-protocols/awareness';
import type { Logger } from '../logger.js';
import type { RelayKind, RelayListener, RoomRelay } from './RoomRelay.js';

/** A stream nobody writes to for a day disappears. */
const STREAM_TTL_SECONDS = 24 * 3600;
const READ_BLOCK_MS = 200;
const READ_BATCH = 1000;
/** How often an instance that could not publish tries again to tell the others to catch up. */
const CATCH_UP_NOTICE_RETRY_MS = 1000;

/** The position before a stream's first entry. */
const STREAM_START = '0-0';

const KIND_CODE: Record<RelayKind, string> = { update: 'u', awareness: 'a', event: 'e' };
const KIND_OF_CODE = new Map(Object.entries(KIND_CODE).map(([kind, code]) => [code, kind as RelayKind]));
/** An entry without a payload: "you missed something of mine, catch up from the store". */
const CATCH_UP_CODE = 'c';

/**
 * One Redis Stream per room (`gongxie:room:<name>`). Unlike pub/sub, a stream keeps entries, so
 * an instance that lags or reconnects reads on from where it was. The stream only relays (every
 * update in it is already in the store), so it is trimmed to about `streamLength` entries, and
 * Redis may lose it all in a restart. Where an instance may have missed entries, its listener
 * catches up from the store: after reading a backlog the stream was trimmed into, after its
 * reader reconnects, and when another instance says it could not publish. A claim is a key
 * (`gongxie:claim:<room>:<what>`) set only where absent, which expires after its term.
 */
export class RedisStreamRelay implements RoomRelay {
  private readonly instanceId = crypto.randomBytes(6).toString('hex');
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly watched = new Map<string, { cursor: string; listener: RelayListener }>();
  /** Rooms with entries this instance could not publish, whose other holders must catch up. */
  private readonly owedCatchUps = new Set<string>();
  private owedTimer: NodeJS.Timeout | null = null;
  /** Redis's clock minus ours, in ms: entry ids carry Redis's time. */
  private redisClockOffset = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(url: string, private readonly log: Logger, private readonly streamLength: number) {
    this.writer = new Redis(url, { maxRetriesPerRequest: 3 });
    this.reader = new Redis(url, { maxRetriesPerRequest: null });
    for (const [role, connection] of [['writer', this.writer], ['reader', this.reader]] as const) {
      // ioredis reconnects by itself; say so once per outage rather than at every attempt.
      let reported = false;
      connection.on('error', (err) => {
        if (!reported) this.log.warn('relay.redis_unavailable', { connection: role, err });
        reported = true;
      });
      connection.on('ready', () => { reported = false; });
    }
    this.writer.on('ready', () => {
      this.writer.time().then(
        ([seconds, micros]) => { this.redisClockOffset = Number(seconds) * 1000 + Number(micros) / 1000 - Date.now(); },
        () => {},
      );
    });
    let connectedBefore = false;
    this.reader.on('ready', () => {
      // Entries not yet read may have gone with the connection's server (Redis keeps nothing on disk).
      if (connectedBefore) this.catchUpEverything('reader reconnected');
      connectedBefore = true;
    });
    this.loop = this.readLoop();
  }

  async position(roomName: string): Promise<string> {
    try {
      const last = await this.writer.xrevrange(key(roomName), '+', '-', 'COUNT', 1);
      return last[0]?.[0] ?? STREAM_START;
    } catch (err) {
      // Redis is unreachable: the room still opens, and once Redis is back its whole stream is
      // read (applying an entry twice changes nothing; what the stream no longer holds is caught up).
      this.log.warn('relay.position_unknown', { room: roomName, err });
      return STREAM_START;
    }
  }

  watch(roomName: string, position: string, listener: RelayListener) {
    this.watched.set(roomName, { cursor: position, listener });
  }

  unwatch(roomName: string) {
    this.watched.delete(roomName);
  }

  async publish(roomName: string, kind: RelayKind, payload: Uint8Array): Promise<void> {
    try {
      await this.append(roomName, KIND_CODE[kind], payload);
    } catch (err) {
      // Lost presence heals by itself (clients renew theirs every 15 s); updates and events must be caught up.
      if (kind !== 'awareness') this.oweCatchUp(roomName);
      throw err;
    }
  }

  async claim(roomName: string, what: string, forMs: number): Promise<boolean> {
    try {
      return (await this.writer.set(`${CLAIM_PREFIX}${roomName}:${what}`, this.instanceId, 'PX', forMs, 'NX')) === 'OK';
    } catch (err) {
      this.log.warn('relay.claim_failed', { room: roomName, what, err });
      return true;
    }
  }

  async close(): Promise<void> {
    this.running = false;
    if (this.owedTimer) clearTimeout(this.owedTimer);
    await this.payOwedCatchUps();
    this.reader.disconnect();
    await this.loop;
    await this.writer.quit();
  }

  private async append(roomName: string, code: string, payload?: Uint8Array): Promise<void> {
    const stream = key(roomName);
    const fields = payload ? ['i', this.instanceId, 'k', code, 'd', Buffer.from(payload)] : ['i', this.instanceId, 'k', code];
    await this.writer.multi()
      .xadd(stream, 'MAXLEN', '~', this.streamLength, '*', ...fields)
      .expire(stream, STREAM_TTL_SECONDS)
      .exec();
  }

  /** The others will never read what failed to publish: tell them to catch up once Redis answers. */
  private oweCatchUp(roomName: string) {
    this.owedCatchUps.add(roomName);
    if (this.running) this.owedTimer ??= setTimeout(() => void this.retryOwedCatchUps(), CATCH_UP_NOTICE_RETRY_MS);
  }

  private async retryOwedCatchUps() {
    await this.payOwedCatchUps();
    this.owedTimer = null;
    if (this.owedCatchUps.size > 0 && this.running) this.owedTimer = setTimeout(() => void this.retryOwedCatchUps(), CATCH_UP_NOTICE_RETRY_MS);
  }

  private async payOwedCatchUps() {
    for (const roomName of [...this.owedCatchUps]) {
      try {
        await this.append(roomName, CATCH_UP_CODE);
        this.owedCatchUps.delete(roomName);
        this.log.info('relay.catch_up_requested', { room: roomName });
      } catch {
        return;
      }
    }
  }

  private catchUpEverything(why: string) {
    this.log.warn('relay.catch_up', { rooms: this.watched.size, why });
    for (const watch of this.watched.values()) watch.listener.catchUp();
  }

  private async readLoop(): Promise<void> {
    while (this.running) {
      const rooms = [...this.watched.entries()];
      if (rooms.length === 0) {
        await new Promise((r) => setTimeout(r, READ_BLOCK_MS));
        continue;
      }
      try {
        const readFrom = new Map(rooms.map(([name, watch]) => [key(name), watch.cursor]));
        const result = await this.reader.xreadBuffer('COUNT', READ_BATCH, 'BLOCK', READ_BLOCK_MS, 'STREAMS', ...readFrom.keys(), ...readFrom.values());
        for (const [streamKey, entries] of result ?? []) {
          const name = streamKey.toString();
          this.deliver(name, entries);
          // Trimming keeps at least `streamLength` entries, so only a read this large can follow a gap.
          if (entries.length >= Math.min(READ_BATCH, this.streamLength)) void this.catchUpIfTrimmedPast(name, readFrom.get(name)!);
        }
      } catch (err) {
        if (!this.running) return;
        this.log.warn('relay.read_failed', { err });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private deliver(streamKey: string, entries: [Buffer, Buffer[]][]) {
    const watch = this.watched.get(roomOf(streamKey));
    if (!watch) return;
    for (const [id, fields] of entries) {
      const entryId = id.toString();
      watch.cursor = entryId;
      const entry = fieldsOf(fields);
      if (entry.i?.toString() === this.instanceId) continue;
      const code = entry.k?.toString() ?? '';
      if (code === CATCH_UP_CODE) {
        watch.listener.catchUp();
        continue;
      }
      const kind = KIND_OF_CODE.get(code);
      if (kind === 'awareness' && this.expiredPresence(entryId)) continue;
      if (entry.d && kind) watch.listener.receive(kind, new Uint8Array(entry.d));
    }
  }

  /**
   * Presence nobody renewed within y-protocols' timeout has expired everywhere; replayed (a room
   * opened while Redis was unreachable reads its stream from the start), it would show a caret
   * of someone long gone for another 30 s. Live presence is renewed every 15 s.
   */
  private expiredPresence(entryId: string): boolean {
    const publishedAt = Number(entryId.slice(0, entryId.indexOf('-')));
    return Date.now() + this.redisClockOffset - publishedAt > PRESENCE_TIMEOUT_MS;
  }

  /**
   * Entries leave a stream only from its front, so nothing after `cursor` was lost while the
   * stream's first entry is at or before it. Otherwise the entry after `cursor` may be gone.
   */
  private async catchUpIfTrimmedPast(streamKey: string, cursor: string) {
    const watch = this.watched.get(roomOf(streamKey));
    if (!watch) return;
    try {
      const [first] = await this.writer.xrange(streamKey, '-', '+', 'COUNT', 1);
      if (first && compareIds(first[0], cursor) <= 0) return;
    } catch (err) {
      this.log.warn('relay.trim_check_failed', { err });
    }
    this.log.warn('relay.catch_up', { room: roomOf(streamKey), why: 'stream trimmed past this instance' });
    watch.listener.catchUp();
  }
}

const KEY_PREFIX = 'gongxie:room:';
const CLAIM_PREFIX = 'gongxie:claim:';
const key = (roomName: string) => `${KEY_PREFIX}${roomName}`;
const roomOf = (streamKey: string) => streamKey.slice(KEY_PREFIX.length);

/** Orders two stream ids (`<ms>-<seq>`). */
function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt);
  const [bMs, bSeq] = b.split('-').map(BigInt);
  return aMs !== bMs ? (aMs! < bMs! ? -1 : 1) : aSeq === bSeq ? 0 : aSeq! < bSeq! ? -1 : 1;
}

function fieldsOf(flat: Buffer[]): Record<string, Buffer> {
  const fields: Record<string, Buffer> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!.toString()] = flat[i + 1]!;
  return fields;
}
