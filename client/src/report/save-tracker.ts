import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;

/**
 * Knows whether the server has confirmed every change a section's document holds.
 *
 * The server stores an update before it relays it, and relays it to its sender too
 * (docs/API.md), so everything the server sends us is stored. A mirror document collects
 * exactly that; the section is saved when the mirror and the local document hold the same
 * changes. On each connection the mirror also asks the server for what it lacks, so content
 * that came from the local IndexedDB cache is recognised once the server has it.
 */
export class SaveTracker {
  /** True once this browser made an edit in the section during this visit. */
  editedLocally = false;
  /** True while the server has confirmed every change the local document holds. */
  saved = true;

  private readonly confirmed = new Y.Doc();
  private readonly listeners = new Set<() => void>();
  private checkTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly localCache: object,
  ) {
    this.interceptServerMessages();
    doc.on('update', this.onDocUpdate);
    provider.on('status', this.onStatus);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.doc.off('update', this.onDocUpdate);
    this.provider.off('status', this.onStatus);
    this.confirmed.destroy();
    this.listeners.clear();
  }

  private interceptServerMessages(): void {
    const handleSync = this.provider.messageHandlers[MESSAGE_SYNC]!;
    this.provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      const syncType = decoding.readVarUint(peek);
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        Y.applyUpdate(this.confirmed, decoding.readVarUint8Array(peek));
        this.scheduleCheck();
      }
      handleSync(encoder, decoder, provider, emitSynced, messageType);
    };
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return;
    if (origin !== this.localCache) this.editedLocally = true;
    this.setSaved(false);
  };

  private readonly onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    const ws = this.provider.ws;
    if (!ws) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.confirmed);
    ws.send(encoding.toUint8Array(encoder));
  };

  private scheduleCheck(): void {
    if (this.checkTimer) return;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      this.setSaved(Y.equalSnapshots(Y.snapshot(this.doc), Y.snapshot(this.confirmed)));
    }, 120);
  }

  private setSaved(saved: boolean): void {
    if (this.saved === saved) return;
    this.saved = saved;
    for (const listener of this.listeners) listener();
  }
}
