import { z } from 'zod';
import type { SectionStatus } from './review.js';
import { ROLES, type Role } from './roles.js';

/** Shapes exchanged over HTTP, shared by the server routes and the client. See docs/API.md. */

export const loginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  department: z.string().nullable(),
  org: z.object({ id: z.string(), name: z.string() }),
});
export type SessionUser = z.infer<typeof userSchema>;

export const MIN_PASSWORD_LENGTH = 8;

/** A row of `GET /api/users`, as the asking admin or principal sees it. */
export interface Member {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  disabled: boolean;
  /** Whether the asker may change this member, reset their password or disable them. */
  canManage: boolean;
}

export interface MemberDirectory {
  users: Member[];
  /** The roles the asker may give (only an admin may make somebody an admin). */
  assignableRoles: Role[];
}

export interface LoginResponse {
  token: string;
  user: SessionUser;
}

export interface ReportSummary {
  id: string;
  title: string;
  year: number;
  sectionCount: number;
  /** Sections the principal has approved (已通过): the report's progress. */
  approvedCount: number;
  finalized: boolean;
}

export interface SectionView {
  key: string;
  number: string;
  title: string;
  department: string;
  status: SectionStatus;
  canEdit: boolean;
  /** May submit (or resubmit) it for review now or once it is a draft. */
  canSubmit: boolean;
  /** May approve, return or reopen it (the principal). */
  canReview: boolean;
  openThreads: number;
}

export interface ReportView {
  id: string;
  title: string;
  year: number;
  /** 定稿: read-only for everyone until reopened. */
  finalized: boolean;
  /** 「附件4」 when the report goes out as an attachment (kept from an imported file): the export's default first line. */
  attachmentLabel: string | null;
  /** May manage sections and finalise or reopen the report. */
  canManage: boolean;
  canComment: boolean;
  sections: SectionView[];
}

export interface ApiError {
  error: string;
  message: string;
}
