import { z } from 'zod';
import type { Accounts } from '../accounts/Accounts.js';
import type { Logger } from '../logger.js';
import type { RelayKind, RelayListener, RoomRelay } from './RoomRelay.js';

/** The relay feed account events travel on; not a room name any client can open. */
const FEED = 'accounts';

const accountEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('access-changed'), userId: z.string(), change: z.enum(['disabled', 'signed_out', 'rights_changed']) }),
  z.object({ type: z.literal('session-ended'), sessionId: z.string() }),
]);
type AccountEvent = z.infer<typeof accountEvent>;

/**
 * Carries account events (a sign-out, a disabled account, changed rights) to the other
 * instances, which emit them again locally so that they, too, close or re-check the sockets
 * they hold for that user. With a single instance the relay goes nowhere.
 */
export class AccountEventRelay implements RelayListener {
  /** True while re-emitting an event from another instance, which must not be published back. */
  private replaying = false;

  constructor(
    private readonly accounts: Accounts,
    private readonly relay: RoomRelay,
    private readonly log: Logger,
    /** Re-examines every socket this instance holds, for when events may have been missed. */
    private readonly recheckSessions: () => Promise<void>,
  ) {}

  async start(): Promise<void> {
    this.relay.watch(FEED, await this.relay.position(FEED), this);
    this.accounts.on('access-changed', (userId, change) => this.publish({ type: 'access-changed', userId, change }));
    this.accounts.on('session-ended', (sessionId) => this.publish({ type: 'session-ended', sessionId }));
  }

  receive(kind: RelayKind, payload: Uint8Array): void {
    if (kind !== 'event') return;
    const event = parseEvent(payload);
    if (!event) {
      this.log.warn('relay.bad_account_event');
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

  catchUp(): void {
    this.recheckSessions().catch((err) => this.log.error('relay.session_recheck_failed', { err }));
  }

  private publish(event: AccountEvent) {
    if (this.replaying) return;
    this.relay.publish(FEED, 'event', Buffer.from(JSON.stringify(event), 'utf8'))
      .catch((err) => this.log.error('relay.publish_failed', { err }));
  }
}

function parseEvent(payload: Uint8Array): AccountEvent | null {
  try {
    const parsed = accountEvent.safeParse(JSON.parse(Buffer.from(payload).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
