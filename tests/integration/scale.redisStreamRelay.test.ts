import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Logger } from '../../server/logger.js';
import { RedisStreamRelay } from '../../server/scale/RedisStreamRelay.js';
import { eventually } from '../helpers/clients.js';
import { PrivateRedis } from '../helpers/redisServer.js';
import { TcpProxy } from '../helpers/tcpProxy.js';

/*
 * One instance's relay, reaching a private Redis through a proxy the test can cut. What it could
 * not publish decides what the other instances are told to reload from the store.
 */
let redis: PrivateRedis;
let proxy: TcpProxy;
let relay: RedisStreamRelay;
let inspector: Redis;

beforeAll(async () => {
  redis = await PrivateRedis.start();
  proxy = await TcpProxy.start(redis.port);
  relay = new RedisStreamRelay(`redis://127.0.0.1:${proxy.port}`, new Logger('silent'), 100);
  inspector = new Redis(redis.url);
});
afterAll(async () => {
  await relay?.close();
  inspector?.disconnect();
  await proxy?.cut();
  await redis?.crash();
});

/** The kind code of every entry in a room's stream ('u' update, 'a' presence, 'c' catch up). */
async function entryKinds(roomName: string): Promise<string[]> {
  const entries = await inspector.xrange(`gongxie:room:${roomName}`, '-', '+');
  return entries.map(([, fields]) => fields[fields.indexOf('k') + 1]!);
}

test('a lost update makes the other instances catch up once Redis is back; lost presence does not (it is renewed anyway)', async () => {
  await proxy.cut();
  try {
    await expect(relay.publish('presence-only', 'awareness', new Uint8Array([0]))).rejects.toThrow();
    await expect(relay.publish('edited', 'update', new Uint8Array([0, 0]))).rejects.toThrow();
  } finally {
    await proxy.heal();
  }
  // Notices are paid in the order they were owed: once 'edited' has its notice, 'presence-only' had its turn.
  await eventually(() => entryKinds('edited'), (kinds) => kinds.includes('c'), 15_000);
  expect(await entryKinds('presence-only')).toEqual([]);
});

test('of two instances claiming the same thing at once exactly one gets it, again once its term is over, and each does when Redis is unreachable', async () => {
  const other = new RedisStreamRelay(redis.url, new Logger('silent'), 100);
  try {
    const race = () => Promise.all([relay.claim('claimed', 'auto-version', 300), other.claim('claimed', 'auto-version', 300)]);
    expect((await race()).sort()).toEqual([false, true]);
    expect(await other.claim('claimed', 'auto-version', 300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await race()).sort()).toEqual([false, true]);

    await proxy.cut();
    try {
      expect(await relay.claim('claimed', 'something-else', 300)).toBe(true);
    } finally {
      await proxy.heal();
    }
  } finally {
    await other.close();
  }
});
