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

const addressKey = (address: string) => `a:${address}`;
const usernameKey = (username: string) => `u:${username.toLowerCase()}`;

export class LoginThrottle {
  constructor(
    private readonly failures: LoginFailureStore,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly now = () => Date.now(),
  ) {}

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  async retryAfterSeconds(address: string, username: string): Promise<number> {
    const waits = await Promise.all([
      this.wait(addressKey(address), this.limits.perAddress),
      this.wait(usernameKey(username), this.limits.perUsername),
    ]);
    return Math.ceil(Math.max(...waits) / 1000);
  }

  async recordFailure(address: string, username: string): Promise<void> {
    const now = this.now();
    await this.failures.record([addressKey(address), usernameKey(username)], now, now - this.limits.windowMs);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.failures.clear(usernameKey(username));
  }

  private async wait(key: string, limit: number): Promise<number> {
    const now = this.now();
    const recent = await this.failures.since(key, now - this.limits.windowMs + 1);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit]! + this.limits.windowMs - now;
  }
}
