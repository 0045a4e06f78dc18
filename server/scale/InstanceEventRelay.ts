import { z } from 'zod';
import type { Accounts } from '../accounts/Accounts.js';
import type { CollabServer } from '../collab/CollabServer.js';
import type { Logger } from '../logger.js';
import { decodeJsonPayload, encodeJsonPayload } from './jsonPayload.js';
import type { RelayKind, RelayListener, RoomRelay } from './RoomRelay.js';

/** The relay feed instance-wide events travel on; not a room name any client can open. */
const FEED = 'events';
/** How long after a failed re-check of every socket it is tried again. */
const RECHECK_RETRY_MS = 1000;

const instanceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('access-changed'), userId: z.string(), change: z.enum(['disabled', 'signed_out', 'rights_changed']) }),
  z.object({ type: z.literal('session-ended'), sessionId: z.string() }),
  z.object({ type: z.literal('report-changed'), reportId: z.string() }),
]);
type InstanceEvent = z.infer<typeof instanceEvent>;

/**
 * Carries to the other instances what changes who may do what, so that they act on the sockets
 * they hold: account events (a sign-out, a disabled account, changed rights), which they emit
 * again locally to close or re-check that user's sockets, and report changes (a section submitted,
 * approved or given to another department, the report finalised), after which they re-ask the
 * policy for every socket to that report. An instance holding a section need not hold its
 * report's meta room, whose relayed edits would otherwise be the only news of such a change.
 * With a single instance the relay goes nowhere.
 */
export class InstanceEventRelay implements RelayListener {
  /** True while re-emitting an account event from another instance, which must not be published back. */
  private replaying = false;
  /** A re-check that failed (the store unreachable), due to be tried again. */
  private recheckRetry: NodeJS.Timeout | null = null;

  constructor(
    private readonly accounts: Accounts,
    private readonly collab: CollabServer,
    private readonly relay: RoomRelay,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.relay.watch(FEED, await this.relay.position(FEED), this);
    this.accounts.on('access-changed', (userId, change) => this.publish({ type: 'access-changed', userId, change }));
    this.accounts.on('session-ended', (sessionId) => this.publish({ type: 'session-ended', sessionId }));
    this.collab.on('report-changed', (reportId) => this.publish({ type: 'report-changed', reportId }));
  }

  receive(kind: RelayKind, payload: Uint8Array): void {
    if (kind !== 'event') return;
    const event = decodeJsonPayload(instanceEvent, payload);
    if (!event) {
      this.log.warn('relay.bad_instance_event');
      return;
    }
    if (event.type === 'report-changed') {
      this.collab.refreshAccess(event.reportId);
      return;
    }
    this.replaying = true;
    try {
      if (event.type === 'access-changed') this.accounts.emit('access-changed', event.userId, event.change);
      else this.accounts.emit('session-ended', event.sessionId);
    } finally {
      this.replaying = false;
    }
  }

  /** Events may have been missed: re-examine every socket this instance holds (until the store answers). */
  catchUp(): void {
    this.collab.recheckConnections().catch((err) => {
      this.log.error('relay.connection_recheck_failed', { err });
      if (this.recheckRetry) return;
      this.recheckRetry = setTimeout(() => {
        this.recheckRetry = null;
        this.catchUp();
      }, RECHECK_RETRY_MS);
      this.recheckRetry.unref();
    });
  }

  private publish(event: InstanceEvent) {
    if (this.replaying) return;
    this.relay.publish(FEED, 'event', encodeJsonPayload(event))
      .catch((err) => this.log.error('relay.publish_failed', { err }));
  }
}
