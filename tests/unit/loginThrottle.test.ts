import { afterEach, expect, test } from 'vitest';
import { LoginThrottle, type AttemptOutcome } from '../../server/accounts/LoginThrottle.js';
import { SqliteStore } from '../../server/storage/SqliteStore.js';
import type { LoginFailureStore } from '../../server/storage/Store.js';
import { tempDataDir } from '../helpers/server.js';

const stores: SqliteStore[] = [];
afterEach(async () => { for (const store of stores.splice(0)) await store.close(); });

function openStore(dataDir = tempDataDir()): SqliteStore {
  const store = SqliteStore.inDataDir(dataDir);
  stores.push(store);
  return store;
}

const wrong = async () => undefined;
const right = async () => 'signed in';
const refusedFor = (outcome: AttemptOutcome<unknown>) => ('retryAfterSeconds' in outcome ? outcome.retryAfterSeconds : 0);

test('locks a username after its limit, even for the right password, and frees it when the window moves on', async () => {
  let now = 0;
  const throttle = new LoginThrottle(openStore().loginFailures, { windowMs: 60_000, perUsername: 3, perAddress: 100 }, () => now);
  for (let i = 0; i < 3; i++) {
    expect(await throttle.attempt('1.1.1.1', 'Zonghe', wrong)).toEqual({ passed: undefined });
    now += 1000;
  }
  expect(refusedFor(await throttle.attempt('2.2.2.2', 'zonghe', right))).toBe(57);
  now = 60_001;
  expect(await throttle.attempt('2.2.2.2', 'zonghe', right)).toEqual({ passed: 'signed in' });
});

test('locks an address that guesses across usernames; a success clears only the username', async () => {
  const throttle = new LoginThrottle(openStore().loginFailures, { windowMs: 60_000, perUsername: 3, perAddress: 4 });
  for (const name of ['a', 'b', 'c', 'd']) await throttle.attempt('9.9.9.9', name, wrong);
  expect(refusedFor(await throttle.attempt('9.9.9.9', 'e', right))).toBeGreaterThan(0);
  expect(await throttle.attempt('8.8.8.8', 'e', right)).toEqual({ passed: 'signed in' });
  await throttle.attempt('8.8.8.8', 'f', wrong);
  await throttle.attempt('8.8.8.8', 'f', wrong);
  await throttle.attempt('8.8.8.8', 'f', right);
  await throttle.attempt('7.7.7.7', 'f', wrong);
  await throttle.attempt('7.7.7.7', 'f', wrong);
  expect(await throttle.attempt('7.7.7.7', 'f', right)).toEqual({ passed: 'signed in' });
});

test('a burst of attempts sent at once gets no more checks than the limit', async () => {
  const throttle = new LoginThrottle(openStore().loginFailures, { windowMs: 60_000, perUsername: 5, perAddress: 20 });
  let checks = 0;
  const slowWrong = async () => { checks++; await new Promise((resolve) => setTimeout(resolve, 20)); return undefined; };
  const outcomes = await Promise.all(Array.from({ length: 30 }, () => throttle.attempt('6.6.6.6', 'houqin', slowWrong)));
  expect(checks).toBe(5);
  expect(outcomes.filter((o) => 'retryAfterSeconds' in o)).toHaveLength(25);
  // Across usernames the address's limit holds the same way.
  checks = 0;
  await Promise.all(Array.from({ length: 30 }, (_, i) => throttle.attempt('5.5.5.5', `guess-${i}`, slowWrong)));
  expect(checks).toBe(20);
});

test('two throttles on one store (two instances on one database) share the limit, and it outlives a restart', async () => {
  let now = 0;
  const dataDir = tempDataDir();
  const limits = { windowMs: 60_000, perUsername: 4, perAddress: 100 };
  const store = SqliteStore.inDataDir(dataDir);
  const first = new LoginThrottle(store.loginFailures, limits, () => now);
  const second = new LoginThrottle(store.loginFailures, limits, () => now);
  for (let i = 0; i < 4; i++) await (i % 2 === 0 ? first : second).attempt(`10.0.0.${i}`, 'houqin', wrong);
  expect(refusedFor(await first.attempt('10.0.0.9', 'houqin', right))).toBe(60);
  expect(refusedFor(await second.attempt('10.0.0.9', 'houqin', right))).toBe(60);
  await store.close();

  now = 30_000;
  const reopened = new LoginThrottle(openStore(dataDir).loginFailures, limits, () => now);
  expect(refusedFor(await reopened.attempt('10.0.0.9', 'houqin', right))).toBe(30);
});

test('a sign-in with no failures to forget writes nothing; one after failures clears them', async () => {
  const failures = openStore().loginFailures;
  const cleared: string[] = [];
  const counted: LoginFailureStore = {
    since: (key, since) => failures.since(key, since),
    record: (keys, at, forgetBefore) => failures.record(keys, at, forgetBefore),
    clear: (key) => { cleared.push(key); return failures.clear(key); },
  };
  const throttle = new LoginThrottle(counted, { windowMs: 60_000, perUsername: 3, perAddress: 100 });
  for (let i = 0; i < 3; i++) expect(await throttle.attempt('4.4.4.4', 'jiaoxue', right)).toEqual({ passed: 'signed in' });
  expect(cleared).toEqual([]);
  await throttle.attempt('4.4.4.4', 'jiaoxue', wrong);
  await throttle.attempt('4.4.4.4', 'JiaoXue', right);
  expect(cleared).toEqual(['u:jiaoxue']);
  expect(await failures.since('u:jiaoxue', 0)).toEqual([]);
});
