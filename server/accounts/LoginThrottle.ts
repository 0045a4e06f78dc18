/**
 * Counts failed logins per client address and per username inside a sliding window; once
 * either passes its limit, further attempts are refused (429) until the window has moved on.
 * In memory: one process serves a school; a scaled-out deployment keeps this per instance.
 */
export interface ThrottleLimits {
  windowMs: number;
  perUsername: number;
  perAddress: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { windowMs: 15 * 60_000, perUsername: 5, perAddress: 20 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_LIMITS, private readonly now = () => Date.now()) {}

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(address: string, username: string): number {
    const waits = [
      this.wait(`a:${address}`, this.limits.perAddress),
      this.wait(`u:${username.toLowerCase()}`, this.limits.perUsername),
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  recordFailure(address: string, username: string) {
    this.push(`a:${address}`);
    this.push(`u:${username.toLowerCase()}`);
  }

  recordSuccess(username: string) {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  private wait(key: string, limit: number): number {
    const recent = this.recent(key);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit]! + this.limits.windowMs - this.now();
  }

  private push(key: string) {
    this.failures.set(key, [...this.recent(key), this.now()]);
  }
}
