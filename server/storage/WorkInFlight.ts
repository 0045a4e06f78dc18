/**
 * The operations a store has under way, so that closing it waits for them instead of cutting a
 * commit short; none starts once closing has begun.
 */
export class WorkInFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  constructor(private readonly closedMessage: string) {}

  get isClosing(): boolean {
    return this.closing;
  }

  run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error(this.closedMessage));
    const running = operation();
    this.running.add(running);
    const forget = () => this.running.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** Refuses new work, then resolves once everything already started has settled. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.running);
  }
}
