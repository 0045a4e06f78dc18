import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
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
 * Presence as the server vouches for it: a connection may only publish states for client ids it
 * owns (the first connection to publish an id owns it until it leaves), and each state's `user`
 * is stamped with the connection's authenticated identity, so nobody can pose as somebody else.
 */
export class AwarenessGate {
  private readonly owners = new Map<number, Connection>();

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
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(stamped), from);
  }

  /**
   * Whether `from` may publish for `clientId`. A reconnecting tab may arrive before its old,
   * dead socket is noticed, so the same user takes over their own id; other users' ids are refused.
   */
  private claim(clientId: number, from: Connection): boolean {
    const owner = this.owners.get(clientId);
    if (owner === from) return true;
    if (owner && owner.actor.id !== from.actor.id) return false;
    if (!owner && this.ownedBy(from).length >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
    this.owners.set(clientId, from);
    return true;
  }

  /** Forgets a leaving connection and removes its presence for everyone. */
  release(connection: Connection) {
    const ids = this.ownedBy(connection);
    for (const id of ids) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, connection);
  }

  private ownedBy(connection: Connection): number[] {
    return [...this.owners].filter(([, owner]) => owner === connection).map(([id]) => id);
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

function encodeEntries(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
