import type { Role } from '../../../shared/roles.js';

/** A row of `GET /api/users` (docs/API.md, Members). */
export interface Member {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  disabled: boolean;
}

export const MIN_PASSWORD_LENGTH = 8;
