import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** y-websocket message types (the first varuint of every frame). */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** y-protocols sync sub-types. */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** Close codes; y-websocket does not retry after 4400–4499. */
export const CloseCode = {
  goingAway: 1001,
  internalError: 1011,
  rightsChanged: 4001,
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooSlow: 4408,
} as const;

/** A frame that does not follow the protocol: the connection that sent it is closed. */
export class ProtocolError extends Error {}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** Parses one frame completely; anything unexpected, truncated or trailing is a ProtocolError. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
    return message;
  } catch (err) {
    throw err instanceof ProtocolError ? err : new ProtocolError(`malformed frame: ${(err as Error).message}`);
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === SyncType.step1) return { type: 'sync-step1', stateVector: decoding.readVarUint8Array(decoder) };
      if (syncType === SyncType.step2 || syncType === SyncType.update) {
        return { type: 'sync-update', update: decoding.readVarUint8Array(decoder) };
      }
      throw new ProtocolError(`unknown sync message ${syncType}`);
    }
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { type: 'query-awareness' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return frame((e) => { encoding.writeVarUint(e, MessageType.sync); encoding.writeVarUint(e, SyncType.step1); encoding.writeVarUint8Array(e, stateVector); });
}

export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return frame((e) => { encoding.writeVarUint(e, MessageType.sync); encoding.writeVarUint(e, SyncType.step2); encoding.writeVarUint8Array(e, update); });
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => { encoding.writeVarUint(e, MessageType.sync); encoding.writeVarUint(e, SyncType.update); encoding.writeVarUint8Array(e, update); });
}

export function awarenessFrame(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => { encoding.writeVarUint(e, MessageType.awareness); encoding.writeVarUint8Array(e, awarenessUpdate); });
}

/** An awareness update with no entries: a no-op for the client that still counts as traffic. */
export const KEEPALIVE_FRAME = awarenessFrame(frame((e) => encoding.writeVarUint(e, 0)));
