import { afterEach, expect, test } from 'vitest';
import { LoginThrottle } from '../../server/accounts/LoginThrottle.js';
import { SqliteStore } from '../../server/storage/SqliteStore.js';
import { tempDataDir } from '../helpers/server.js';

const stores: SqliteStore[] = [];
afterEach(async () => { for (const store of stores.splice(0)) await store.close(); });

function openStore(): SqliteStore {
  const store = SqliteStore.inDataDir(tempDataDir());
  stores.push(store);
  return store;
}

test('locks a username after its limit and frees it when the window moves on', async () => {
  let now = 0;
  const throttle = new LoginThrottle(openStore().loginFailures, { windowMs: 60_000, perUsername: 3, perAddress: 100 }, () => now);
  for (let i = 0; i < 3; i++) {
    expect(await throttle.retryAfterSeconds('1.1.1.1', 'Zonghe')).toBe(0);
    await throttle.recordFailure('1.1.1.1', 'Zonghe');
    now += 1000;
  }
  expect(await throttle.retryAfterSeconds('2.2.2.2', 'zonghe')).toBe(57);
  now = 60_001;
  expect(await throttle.retryAfterSeconds('2.2.2.2', 'zonghe')).toBe(0);
});

test('locks an address that guesses across usernames; a success clears only the username', async () => {
  let now = 0;
  const throttle = new LoginThrottle(openStore().loginFailures, { windowMs: 60_000, perUsername: 3, perAddress: 4 }, () => now);
  for (const name of ['a', 'b', 'c', 'd']) await throttle.recordFailure('9.9.9.9', name);
  expect(await throttle.retryAfterSeconds('9.9.9.9', 'e')).toBeGreaterThan(0);
  expect(await throttle.retryAfterSeconds('8.8.8.8', 'e')).toBe(0);
  await throttle.recordFailure('8.8.8.8', 'f');
  await throttle.recordFailure('8.8.8.8', 'f');
  await throttle.recordSuccess('f');
  expect(await throttle.retryAfterSeconds('7.7.7.7', 'f')).toBe(0);
});

test('two throttles on one store (two instances on one database) share the limit, and it outlives a restart', async () => {
  let now = 0;
  const dataDir = tempDataDir();
  const limits = { windowMs: 60_000, perUsername: 4, perAddress: 100 };
  const store = SqliteStore.inDataDir(dataDir);
  const first = new LoginThrottle(store.loginFailures, limits, () => now);
  const second = new LoginThrottle(store.loginFailures, limits, () => now);
  for (let i = 0; i < 4; i++) await (i % 2 === 0 ? first : second).recordFailure(`10.0.0.${i}`, 'houqin');
  expect(await first.retryAfterSeconds('10.0.0.9', 'houqin')).toBe(60);
  expect(await second.retryAfterSeconds('10.0.0.9', 'houqin')).toBe(60);
  await store.close();

  now = 30_000;
  const reopened = SqliteStore.inDataDir(dataDir);
  stores.push(reopened);
  expect(await new LoginThrottle(reopened.loginFailures, limits, () => now).retryAfterSeconds('10.0.0.9', 'houqin')).toBe(30);
});
