import * as Y from 'yjs';
import { sectionRoomName } from '../../shared/rooms.js';
import { RawClient, syncFrame } from './rawClient.js';

/**
 * A writer that sends each local edit as a raw update frame and mirrors what the server
 * broadcasts back: an edit is acknowledged once it appears in the mirror.
 */
export class AckingWriter {
  readonly local = new Y.Doc();
  readonly mirror = new Y.Doc();
  private constructor(readonly raw: RawClient) {
    this.local.on('update', (update: Uint8Array) => raw.send(syncFrame(2, update)));
    raw.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && (data[1] === 1 || data[1] === 2)) {
        const frame = new Uint8Array(data);
        // Skip the two single-byte varuints (message type, sync type) and the payload length.
        let offset = 2;
        while (frame[offset]! & 0x80) offset++;
        Y.applyUpdate(this.mirror, frame.subarray(offset + 1));
      }
    });
  }

  static async open(collabUrl: string, token: string, reportId: string, key: string) {
    return new AckingWriter(await RawClient.connect(`${collabUrl}/${sectionRoomName({ reportId, sectionKey: key })}?token=${token}`));
  }

  write(i: number) {
    const text = this.local.get('text', Y.XmlText);
    text.insert(text.length, `[${i}]`);
  }

  acknowledged(): number[] {
    return [...writtenNumbers(this.mirror.get('text', Y.XmlText).toString())];
  }
}

/** The numbers an AckingWriter wrote that a text holds. */
export function writtenNumbers(text: string): Set<number> {
  return new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
}
