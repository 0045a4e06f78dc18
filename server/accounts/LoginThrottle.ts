import type { LoginFailureStore } from '../storage/Store.js';

/**
 * Counts failed logins per client address and per username inside a sliding window; once
 * either passes its limit, further attempts are refused (429) until the window has moved on.
 * The failures live in the store, so instances behind one load balancer share one limit.
 */
export interface ThrottleLimits {
  windowMs: number;
  perUsername: number;
  perAddress: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { windowMs: 15 * 60_000, perUsername: 5, perAddress: 20 };

/** An attempt the limit refused (`check` did not run), or what `check` found. */
export type AttemptOutcome<T> = { retryAfterSeconds: number } | { passed: T | undefined };

const addressKey = (address: string) => `a:${address}`;
const usernameKey = (username: string) => `u:${username.toLowerCase()}`;

export class LoginThrottle {
  /** Attempts of this process still being checked, per key. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly failures: LoginFailureStore,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly now = () => Date.now(),
  ) {}

  /**
   * One sign-in attempt under the limit: `check` resolves with the signed-in value, or undefined
   * for wrong credentials (recorded as a failure). Attempts begun earlier and still being checked
   * count as failures until they are over, so a burst sent at once gets no more tries than the
   * same attempts sent one after another (each instance behind a load balancer counts its own).
   */
  async attempt<T>(address: string, username: string, check: () => Promise<T | undefined>): Promise<AttemptOutcome<T>> {
    const keys: [string, number][] = [[addressKey(address), this.limits.perAddress], [usernameKey(username), this.limits.perUsername]];
    const ahead = keys.map(([key]) => this.inFlight.get(key) ?? 0);
    for (const [key] of keys) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    try {
      const [byAddress, byUsername] = await Promise.all(keys.map(([key, limit], i) => this.wait(key, limit, ahead[i]!)));
      const retryAfterSeconds = Math.ceil(Math.max(byAddress!.ms, byUsername!.ms) / 1000);
      if (retryAfterSeconds > 0) return { retryAfterSeconds };
      const passed = await check();
      const now = this.now();
      if (passed === undefined) await this.failures.record(keys.map(([key]) => key), now, now - this.limits.windowMs);
      // A durable write only when there is something to forget.
      else if (byUsername!.recentFailures > 0) await this.failures.clear(usernameKey(username));
      return { passed };
    } finally {
      for (const [key] of keys) {
        const left = this.inFlight.get(key)! - 1;
        if (left === 0) this.inFlight.delete(key);
        else this.inFlight.set(key, left);
      }
    }
  }

  /**
   * Milliseconds until the key is under its limit, counting `ahead` attempts in flight as
   * failures, and the failures stored for it inside the window.
   */
  private async wait(key: string, limit: number, ahead: number): Promise<{ ms: number; recentFailures: number }> {
    const now = this.now();
    const recent = await this.failures.since(key, now - this.limits.windowMs + 1);
    const excess = recent.length + ahead - limit;
    // Attempts in flight are over within a second, and then the answer is exact.
    const ms = excess < 0 ? 0 : ahead > 0 ? 1000 : recent[excess]! + this.limits.windowMs - now;
    return { ms, recentFailures: recent.length };
  }
}
