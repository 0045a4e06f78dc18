import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { RelayKind, RelayListener, RoomRelay } from './RoomRelay.js';

/** Every update in a stream is already in PostgreSQL; the stream only relays, so it stays short. */
const STREAM_MAX_LENGTH = 2000;
/** A stream nobody writes to for a day disappears. */
const STREAM_TTL_SECONDS = 24 * 3600;
const READ_BLOCK_MS = 200;
const READ_BATCH = 1000;

const KIND_CODE: Record<RelayKind, string> = { update: 'u', awareness: 'a', event: 'e' };
const KIND_OF_CODE = new Map(Object.entries(KIND_CODE).map(([kind, code]) => [code, kind as RelayKind]));

/**
 * One Redis Stream per room (`gongxie:room:<name>`). Unlike pub/sub, a stream keeps entries, so
 * an instance that lags or reconnects reads on from where it was and misses nothing.
 */
export class RedisStreamRelay implements RoomRelay {
  private readonly instanceId = crypto.randomBytes(6).toString('hex');
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly watched = new Map<string, { cursor: string; listener: RelayListener }>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(url: string, private readonly log: Logger) {
    this.writer = new Redis(url, { maxRetriesPerRequest: 3 });
    this.reader = new Redis(url, { maxRetriesPerRequest: null });
    this.loop = this.readLoop();
  }

  async position(roomName: string): Promise<string> {
    const last = await this.writer.xrevrange(key(roomName), '+', '-', 'COUNT', 1);
    return last[0]?.[0] ?? '0-0';
  }

  watch(roomName: string, position: string, listener: RelayListener) {
    this.watched.set(roomName, { cursor: position, listener });
  }

  unwatch(roomName: string) {
    this.watched.delete(roomName);
  }

  async publish(roomName: string, kind: RelayKind, payload: Uint8Array): Promise<void> {
    const stream = key(roomName);
    await this.writer.multi()
      .xadd(stream, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'i', this.instanceId, 'k', KIND_CODE[kind], 'd', Buffer.from(payload))
      .expire(stream, STREAM_TTL_SECONDS)
      .exec();
  }

  async close(): Promise<void> {
    this.running = false;
    this.reader.disconnect();
    await this.loop;
    await this.writer.quit();
  }

  private async readLoop(): Promise<void> {
    while (this.running) {
      const rooms = [...this.watched.entries()];
      if (rooms.length === 0) {
        await new Promise((r) => setTimeout(r, READ_BLOCK_MS));
        continue;
      }
      try {
        const result = await this.reader.xreadBuffer('COUNT', READ_BATCH, 'BLOCK', READ_BLOCK_MS, 'STREAMS',
          ...rooms.map(([name]) => key(name)), ...rooms.map(([, w]) => w.cursor));
        for (const [streamKey, entries] of result ?? []) this.deliver(streamKey.toString(), entries);
      } catch (err) {
        if (!this.running) return;
        this.log.warn('relay.read_failed', { err });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private deliver(streamKey: string, entries: [Buffer, Buffer[]][]) {
    const watch = this.watched.get(streamKey.slice(KEY_PREFIX.length));
    if (!watch) return;
    for (const [id, fields] of entries) {
      watch.cursor = id.toString();
      const entry = fieldsOf(fields);
      const kind = KIND_OF_CODE.get(entry.k?.toString() ?? '');
      if (entry.i?.toString() === this.instanceId || !entry.d || !kind) continue;
      watch.listener.receive(kind, new Uint8Array(entry.d));
    }
  }
}

const KEY_PREFIX = 'gongxie:room:';
const key = (roomName: string) => `${KEY_PREFIX}${roomName}`;

function fieldsOf(flat: Buffer[]): Record<string, Buffer> {
  const fields: Record<string, Buffer> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!.toString()] = flat[i + 1]!;
  return fields;
}
