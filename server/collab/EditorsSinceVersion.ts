import { z } from 'zod';

/** What an instance tells the others holding the same room about its versions (relayed as `event`). */
export const roomNotice = z.discriminatedUnion('type', [
  /** The user's first edit through this instance since the section's last version. */
  z.object({ type: z.literal('edited'), userId: z.string() }),
  /** This instance stored a version of the section. */
  z.object({ type: z.literal('versioned') }),
]);
export type RoomNotice = z.infer<typeof roomNotice>;

/** The other instances holding the same room (none with a single instance). */
export interface RoomPeers {
  tell(notice: RoomNotice): void;
  /** True for only one of the instances asking within `forMs`. */
  claim(what: string, forMs: number): Promise<boolean>;
}

/**
 * Who edited a section since its last version, and when that version was taken, for the
 * automatic versions and their attribution. Behind a load balancer a section's editors are spread
 * over the instances that hold its room, so each instance tells the others of every user's first
 * edit since a version and of every version it takes: the one that takes the next version names
 * everyone's edits, and the others do not take one of their own for the same edits. (An edit made
 * through one instance while another's version notice is on its way may go unnamed in the next
 * version if its author edits no more; its text is in that version all the same.)
 */
export class EditorsSinceVersion {
  private readonly editors = new Set<string>();
  /** When the last version was taken here or by another instance (or when the room loaded). */
  private lastVersionAt = Date.now();

  constructor(private readonly peers: RoomPeers) {}

  get ids(): string[] {
    return [...this.editors];
  }

  get any(): boolean {
    return this.editors.size > 0;
  }

  /** Someone edited through this instance. */
  edited(userId: string) {
    if (this.editors.has(userId)) return;
    this.editors.add(userId);
    this.peers.tell({ type: 'edited', userId });
  }

  /** Whether an automatic version is due: someone edited, and the last version is `intervalMs` old. */
  due(intervalMs: number, now = Date.now()): boolean {
    return this.editors.size > 0 && now - this.lastVersionAt >= intervalMs;
  }

  /**
   * Whether this instance takes the automatic version that is due. Instances whose checks fall
   * within the moment it takes a notice to travel would otherwise both take one, and go on doing
   * so each interval, their timers keeping the same phase.
   */
  claimDue(intervalMs: number): Promise<boolean> {
    return this.peers.claim('auto-version', Math.ceil(intervalMs / 2));
  }

  /**
   * Takes a version here at `at`: `store` stores it, naming the editors it is given. Once it is
   * stored the other instances forget them too; if it cannot be, they wait here for the next one.
   */
  async takeVersion(at: number, store: (editors: string[]) => Promise<void>): Promise<void> {
    // Forgotten before storing: whoever edits meanwhile is named by the next version.
    const editors = this.ids;
    this.forget(at);
    try {
      await store(editors);
    } catch (err) {
      for (const id of editors) this.editors.add(id);
      throw err;
    }
    this.peers.tell({ type: 'versioned' });
  }

  /** What another instance holding the room told. */
  heard(notice: RoomNotice) {
    if (notice.type === 'edited') this.editors.add(notice.userId);
    else this.forget(Date.now());
  }

  private forget(at: number) {
    this.editors.clear();
    this.lastVersionAt = at;
  }
}
