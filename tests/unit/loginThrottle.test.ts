import { expect, test } from 'vitest';
import { LoginThrottle } from '../../server/accounts/LoginThrottle.js';

test('locks a username after its limit and frees it when the window moves on', () => {
  let now = 0;
  const throttle = new LoginThrottle({ windowMs: 60_000, perUsername: 3, perAddress: 100 }, () => now);
  for (let i = 0; i < 3; i++) {
    expect(throttle.retryAfterSeconds('1.1.1.1', 'Zonghe')).toBe(0);
    throttle.recordFailure('1.1.1.1', 'Zonghe');
    now += 1000;
  }
  expect(throttle.retryAfterSeconds('2.2.2.2', 'zonghe')).toBe(57);
  now = 60_001;
  expect(throttle.retryAfterSeconds('2.2.2.2', 'zonghe')).toBe(0);
});

test('locks an address that guesses across usernames; a success clears only the username', () => {
  let now = 0;
  const throttle = new LoginThrottle({ windowMs: 60_000, perUsername: 3, perAddress: 4 }, () => now);
  for (const name of ['a', 'b', 'c', 'd']) throttle.recordFailure('9.9.9.9', name);
  expect(throttle.retryAfterSeconds('9.9.9.9', 'e')).toBeGreaterThan(0);
  expect(throttle.retryAfterSeconds('8.8.8.8', 'e')).toBe(0);
  throttle.recordFailure('8.8.8.8', 'f');
  throttle.recordFailure('8.8.8.8', 'f');
  throttle.recordSuccess('f');
  expect(throttle.retryAfterSeconds('7.7.7.7', 'f')).toBe(0);
});
