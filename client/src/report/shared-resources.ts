/**
 * Reference-counted resources that outlive React StrictMode's mount → unmount → mount probe.
 * A release only destroys the resource if nobody acquires it again before the next task, so
 * an effect that is torn down and re-run at once gets the very same instance back.
 */
export class SharedResources<T extends { destroy(): void }> {
  private readonly entries = new Map<string, { value: T; refs: number; pendingDestroy: ReturnType<typeof setTimeout> | null }>();

  acquire(key: string, create: () => T): T {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { value: create(), refs: 0, pendingDestroy: null };
      this.entries.set(key, entry);
    }
    if (entry.pendingDestroy) {
      clearTimeout(entry.pendingDestroy);
      entry.pendingDestroy = null;
    }
    entry.refs += 1;
    return entry.value;
  }

  release(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.refs -= 1;
    if (entry.refs > 0 || entry.pendingDestroy) return;
    entry.pendingDestroy = setTimeout(() => {
      this.entries.delete(key);
      entry.value.destroy();
    }, 0);
  }
}
