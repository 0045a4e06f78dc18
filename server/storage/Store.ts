import type { Role } from '../../shared/roles.js';
import type { SectionStatus, VersionKind } from '../../shared/review.js';

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
  /** 定稿: every section is read-only for everyone until the principal reopens the report. */
  finalized: boolean;
  /** 「附件4」 when the report goes out as an attachment of a notice: the export's first line unless asked otherwise. */
  attachmentLabel: string | null;
}

export interface SectionRecord {
  reportId: string;
  key: string;
  position: number;
  title: string;
  department: string;
  status: SectionStatus;
}

/** A workflow step: of a section, or of the whole report when sectionKey is null. */
export interface TransitionRecord {
  reportId: string;
  sectionKey: string | null;
  from: string;
  to: string;
  actorId: string;
  at: number;
  reason: string | null;
}

export interface ThreadRecord {
  id: string;
  reportId: string;
  sectionKey: string;
  authorId: string;
  /** The anchored text when the thread was opened (kept when the text is later deleted). */
  quote: string;
  createdAt: number;
  resolvedBy: string | null;
  resolvedAt: number | null;
}

export interface CommentRecord {
  id: string;
  threadId: string;
  authorId: string;
  body: string;
  /** Who is asked to act: `user:<id>` or `dept:<name>`. */
  mentions: string[];
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
}

export interface VersionRecord {
  id: string;
  reportId: string;
  sectionKey: string;
  createdAt: number;
  actorId: string | null;
  kind: VersionKind;
  name: string | null;
  /** Users whose edits this version contains since the previous one. */
  editors: string[];
  /** The section's Yjs state as an update. */
  state: Uint8Array;
}

export type VersionSummary = Omit<VersionRecord, 'state'>;

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

/** Failed sign-ins under the login limit's keys (a client address, a username), shared by every instance. */
export interface LoginFailureStore {
  /** Records one failure at `at` under each key, and forgets every failure older than `forgetBefore`. */
  record(keys: readonly string[], at: number, forgetBefore: number): Promise<void>;
  /** When the failures under `key` from `since` on happened, oldest first. */
  since(key: string, since: number): Promise<number[]>;
  /** Forgets every failure under `key`. */
  clear(key: string): Promise<void>;
}

export interface ReportStore {
  create(report: ReportRecord, sections: readonly SectionRecord[]): Promise<void>;
  get(id: string): Promise<ReportRecord | undefined>;
  listByOrg(orgId: string): Promise<ReportRecord[]>;
  sections(reportId: string): Promise<SectionRecord[]>;
  /** One section, without reading the others (every socket admission asks this). */
  section(reportId: string, key: string): Promise<SectionRecord | undefined>;
  /** Changes a section's status and records the transition in one commit. */
  setSectionStatus(transition: TransitionRecord & { sectionKey: string }): Promise<void>;
  /** Finalises or reopens the report and records the transition in one commit. */
  setFinalized(finalized: boolean, transition: TransitionRecord): Promise<void>;
  transitions(reportId: string): Promise<TransitionRecord[]>;
  /**
   * Section management in one commit: inserts the sections that are new and sets position, title
   * and department of the others (their status is kept). Never deletes a section.
   */
  saveSections(reportId: string, sections: readonly SectionRecord[]): Promise<void>;
  setTitle(reportId: string, title: string): Promise<void>;
}

export interface CommentStore {
  createThread(thread: ThreadRecord, first: CommentRecord): Promise<void>;
  thread(id: string): Promise<ThreadRecord | undefined>;
  threads(reportId: string): Promise<ThreadRecord[]>;
  setResolved(threadId: string, by: string | null, at: number | null): Promise<void>;
  addComment(comment: CommentRecord): Promise<void>;
  comment(id: string): Promise<CommentRecord | undefined>;
  /** Comments of the given threads, oldest first. */
  comments(threadIds: readonly string[]): Promise<CommentRecord[]>;
  updateComment(id: string, patch: { body?: string; mentions?: string[]; editedAt?: number; deleted?: boolean }): Promise<void>;
}

export interface VersionStore {
  create(version: VersionRecord): Promise<void>;
  get(id: string): Promise<VersionRecord | undefined>;
  /** Newest first, without their states. */
  list(reportId: string, sectionKey: string): Promise<VersionSummary[]>;
}

/** A batch of Yjs updates to append; one batch is one durable commit. */
export interface DocumentUpdate {
  docName: string;
  update: Uint8Array;
}

/** A document's stored log, as it loads. */
export interface StoredLog {
  /** Every stored update, oldest first (a compacted snapshot counts as one). */
  updates: Uint8Array[];
  /**
   * When the log is one snapshot alone, the state vector stored with it. Reading it spares a
   * new reader's server from parsing the whole snapshot for its sync step 1 (~5 ms per MB).
   */
  snapshotStateVector: Uint8Array | null;
}

/** The append-only Yjs update log, one log per document (room). */
export interface DocumentStore {
  load(docName: string): Promise<StoredLog>;
  /** Appends all updates durably in one commit; resolves only once they are on disk. */
  append(batch: readonly DocumentUpdate[]): Promise<void>;
  /**
   * Replaces the stored updates of a document with one equivalent snapshot and its state vector,
   * atomically. A log that is such a snapshot already is left as it is.
   */
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
  loginFailures: LoginFailureStore;
  reports: ReportStore;
  comments: CommentStore;
  versions: VersionStore;
  documents: DocumentStore;
  isOpen(): boolean;
  close(): Promise<void>;
}
