import { META_REVISIONS, metaRoomName, type MetaTopic } from '../../shared/rooms.js';
import type { CollabServer } from '../collab/CollabServer.js';
import { randomId } from '../ids.js';

/**
 * Tells every open page of a report that something changed, by writing to the report's meta
 * room: pages observe it and refetch what the topic names. Riding on a room means it reaches
 * clients on every instance through the same relay as edits.
 */
export class ReportEvents {
  constructor(private readonly collab: CollabServer) {}

  async changed(reportId: string, ...topics: MetaTopic[]): Promise<void> {
    await this.collab.withRoom(metaRoomName(reportId), (room) => room.applyServerEdit((doc) => {
      const revisions = doc.getMap<string>(META_REVISIONS);
      for (const topic of topics) revisions.set(topic, `${Date.now()}-${randomId(6)}`);
    }));
  }
}
