import type { Role } from '../../shared/roles.js';

/**
 * The one storage interface. SQLite is the embedded default; other backends (PostgreSQL)
 * implement the same contract and run the same contract tests.
 */

export interface OrgRecord {
  id: string;
  name: string;
}

export interface UserRecord {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  passwordHash: string;
  disabled: boolean;
}

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'role' | 'department' | 'passwordHash' | 'disabled'>>;

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  expiresAt: number;
}

export interface ReportRecord {
  id: string;
  orgId: string;
  title: string;
  year: number;
}

export interface SectionRecord {
  reportId: string;
  key: string;
  position: number;
  title: string;
  department: string;
}

export interface OrgStore {
  create(org: OrgRecord, departments: readonly string[]): Promise<void>;
  get(id: string): Promise<OrgRecord | undefined>;
  list(): Promise<OrgRecord[]>;
  departments(orgId: string): Promise<string[]>;
}

export interface UserStore {
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | undefined>;
  getByUsername(username: string): Promise<UserRecord | undefined>;
  listByOrg(orgId: string): Promise<UserRecord[]>;
  update(id: string, patch: UserPatch): Promise<void>;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  get(tokenHash: string): Promise<SessionRecord | undefined>;
  delete(tokenHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

export interface ReportStore {
  create(report: ReportRecord, sections: readonly SectionRecord[]): Promise<void>;
  get(id: string): Promise<ReportRecord | undefined>;
  listByOrg(orgId: string): Promise<ReportRecord[]>;
  sections(reportId: string): Promise<SectionRecord[]>;
}

/** A batch of Yjs updates to append; one batch is one durable commit. */
export interface DocumentUpdate {
  docName: string;
  update: Uint8Array;
}

/** The append-only Yjs update log, one log per document (room). */
export interface DocumentStore {
  /** Every stored update of a document, oldest first (a compacted snapshot counts as one). */
  load(docName: string): Promise<Uint8Array[]>;
  /** Appends all updates durably in one commit; resolves only once they are on disk. */
  append(batch: readonly DocumentUpdate[]): Promise<void>;
  /** Replaces the stored updates of a document with one equivalent snapshot, atomically. */
  compact(docName: string): Promise<void>;
  /** How many stored updates a document has (a snapshot counts as one). */
  count(docName: string): Promise<number>;
  /** Names of every stored document. */
  list(): Promise<string[]>;
}

export interface Store {
  orgs: OrgStore;
  users: UserStore;
  sessions: SessionStore;
  reports: ReportStore;
  documents: DocumentStore;
  isOpen(): boolean;
  close(): Promise<void>;
}
