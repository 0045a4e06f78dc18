import { createContext, useContext } from 'react';
import type { SessionUser } from '../../shared/api.js';

export interface Session {
  user: SessionUser;
  signOut(): Promise<void>;
  /** Reloads the signed-in user (after they changed their own name or department). */
  refresh(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only used below the App's signed-in branch. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function canManageMembers(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'principal';
}
