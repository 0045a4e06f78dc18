import type { SessionUser } from '../../shared/api.js';
import type { OrgRecord, UserRecord } from '../storage/Store.js';

/** The signed-in user a request or a connection acts as. */
export interface Actor {
  id: string;
  orgId: string;
  orgName: string;
  username: string;
  displayName: string;
  role: UserRecord['role'];
  department: string | null;
  disabled: boolean;
}

export function toActor(user: UserRecord, org: OrgRecord): Actor {
  return {
    id: user.id, orgId: org.id, orgName: org.name, username: user.username,
    displayName: user.displayName, role: user.role, department: user.department, disabled: user.disabled,
  };
}

export function toSessionUser(actor: Actor): SessionUser {
  return {
    id: actor.id, username: actor.username, displayName: actor.displayName, role: actor.role,
    department: actor.department, org: { id: actor.orgId, name: actor.orgName },
  };
}
