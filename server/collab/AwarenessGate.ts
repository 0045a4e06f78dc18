import * as decoding from 'lib0/decoding';
import { equalityDeep } from 'lib0/function';
import { getUnixTime } from 'lib0/time';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Connection } from './Connection.js';
import { ProtocolError } from './protocol.js';

/** A browser tab normally publishes one client id; a few allow for Y.Doc re-creation. */
const MAX_CLIENT_IDS_PER_CONNECTION = 4;

interface Entry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/**
 * Presence as the server vouches for it. Each state's `user` is stamped with the publishing
 * connection's authenticated identity, so nobody can pose as somebody else, and a client id whose
 * current state belongs to another user cannot be taken over. The same user may take over their
 * own id: a reconnecting tab often arrives before its old, dead socket is noticed.
 */
export class AwarenessGate {
  private readonly idsByConnection = new Map<Connection, Set<number>>();

  constructor(private readonly awareness: awarenessProtocol.Awareness) {}

  apply(update: Uint8Array, from: Connection) {
    const accepted = decodeEntries(update).filter(({ clientId }) => this.claim(clientId, from));
    if (accepted.length === 0) return;
    const { actor } = from;
    const stamped = accepted.map((entry) => {
      if (entry.state === null) return entry;
      const claimed = entry.state.user;
      const color = claimed && typeof claimed === 'object' && typeof (claimed as { color?: unknown }).color === 'string'
        ? (claimed as { color: string }).color.slice(0, 32) : undefined;
      const user = { id: actor.id, name: actor.displayName, department: actor.department, ...(color ? { color } : {}) };
      return { ...entry, state: { ...entry.state, user } };
    });
    applyEntries(this.awareness, stamped, from);
  }

  /** Presence relayed from another instance, which already vouched for it. */
  applyRemote(update: Uint8Array, origin: unknown) {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
  }

  /** Forgets a leaving connection and removes its presence for everyone. */
  release(connection: Connection) {
    const ids = [...(this.idsByConnection.get(connection) ?? [])];
    this.idsByConnection.delete(connection);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, connection);
  }

  private claim(clientId: number, from: Connection): boolean {
    let mine = this.idsByConnection.get(from);
    if (mine?.has(clientId)) return true;
    const current = this.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
    if (current && current.user?.id !== from.actor.id) return false;
    if ((mine?.size ?? 0) >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
    for (const [connection, ids] of this.idsByConnection) if (connection !== from) ids.delete(clientId);
    if (!mine) this.idsByConnection.set(from, (mine = new Set()));
    mine.add(clientId);
    return true;
  }
}

function decodeEntries(update: Uint8Array): Entry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('state is not an object');
      entries.push({ clientId, clock, state: state as Entry['state'] });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return entries;
  } catch (err) {
    throw new ProtocolError(`malformed awareness update: ${(err as Error).message}`);
  }
}

/**
 * What `awarenessProtocol.applyAwarenessUpdate` does with an update, for entries already decoded:
 * encoding the stamped entries only for it to parse them again cost three times the apply itself.
 */
function applyEntries(awareness: awarenessProtocol.Awareness, entries: readonly Entry[], origin: unknown) {
  const now = getUnixTime();
  const added: number[] = [];
  const updated: number[] = [];
  const changed: number[] = [];
  const removed: number[] = [];
  for (const { clientId, clock, state } of entries) {
    const meta = awareness.meta.get(clientId);
    const previous = awareness.states.get(clientId);
    const currentClock = meta?.clock ?? 0;
    const isNewer = currentClock < clock || (currentClock === clock && state === null && previous !== undefined);
    if (!isNewer) continue;
    // The server publishes no state of its own, so no entry can remove one.
    if (state === null) awareness.states.delete(clientId);
    else awareness.states.set(clientId, state);
    awareness.meta.set(clientId, { clock, lastUpdated: now });
    if (meta === undefined && state !== null) added.push(clientId);
    else if (meta !== undefined && state === null) removed.push(clientId);
    else if (state !== null) {
      if (!equalityDeep(state, previous)) changed.push(clientId);
      updated.push(clientId);
    }
  }
  if (added.length > 0 || changed.length > 0 || removed.length > 0) awareness.emit('change', [{ added, updated: changed, removed }, origin]);
  if (added.length > 0 || updated.length > 0 || removed.length > 0) awareness.emit('update', [{ added, updated, removed }, origin]);
}
