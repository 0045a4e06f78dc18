import * as Y from 'yjs';
import type { BenchClient, SentEdit } from './benchClient.js';

interface PendingEdit extends SentEdit {
  awaiting: number;
}

/**
 * Matches the document updates receivers get to the edits that were sent, by the clock range
 * each edit occupies in its sender's client id (so a server that merges updates is still
 * measured right), and records one latency per delivery.
 */
export class DeliveryTracker {
  readonly latencies: number[] = [];
  sent = 0;
  completed = 0;
  /** When the last edit reached all its receivers. */
  lastCompletedAt = 0;
  private readonly inFlight = new Map<number, PendingEdit[]>();
  private awaitingEdits = 0;
  private receivers: readonly BenchClient[] = [];
  private onSettled: (() => void) | null = null;

  /** Times every document update these clients receive from now on. */
  listen(receivers: readonly BenchClient[]) {
    this.receivers = receivers;
    for (const receiver of receivers) receiver.onUpdate = (update, at) => this.received(update, receiver.clientId, at);
  }

  /** An edit that `receivers` other connections should get. */
  expect(edit: SentEdit, receivers: number) {
    this.sent++;
    if (receivers === 0) return;
    const edits = this.inFlight.get(edit.client) ?? [];
    edits.push({ ...edit, awaiting: receivers });
    this.inFlight.set(edit.client, edits);
    this.awaitingEdits++;
  }

  /** Resolves once every expected delivery arrived, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void> {
    if (this.awaitingEdits === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() { clearTimeout(timer); resolve(); }
      this.onSettled = done;
    });
  }

  /** Stops listening; deliveries still missing count as Infinity. Returns the latencies. */
  finish(): number[] {
    for (const receiver of this.receivers) receiver.onUpdate = null;
    for (const edits of this.inFlight.values()) {
      for (const edit of edits) for (let i = 0; i < edit.awaiting; i++) this.latencies.push(Infinity);
    }
    this.inFlight.clear();
    this.awaitingEdits = 0;
    return this.latencies;
  }

  /** Deliveries that had not arrived when the tracker finished. */
  get undelivered(): number {
    return this.latencies.filter((latency) => latency === Infinity).length;
  }

  private received(update: Uint8Array, receiverId: number, receivedAt: number) {
    if (this.awaitingEdits === 0) return;
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, fromClock] of from) {
      // A sender's own edit coming back is its acknowledgement, not a delivery.
      if (client === receiverId) continue;
      const edits = this.inFlight.get(client);
      if (!edits) continue;
      const toClock = to.get(client)!;
      for (const edit of edits) {
        if (edit.fromClock < fromClock || edit.toClock > toClock) continue;
        this.latencies.push(receivedAt - edit.sentAt);
        if (--edit.awaiting === 0) this.complete(edit, receivedAt);
      }
    }
  }

  private complete(edit: PendingEdit, at: number) {
    const edits = this.inFlight.get(edit.client)!;
    edits.splice(edits.indexOf(edit), 1);
    if (edits.length === 0) this.inFlight.delete(edit.client);
    this.completed++;
    this.lastCompletedAt = at;
    if (--this.awaitingEdits === 0) {
      this.onSettled?.();
      this.onSettled = null;
    }
  }
}
