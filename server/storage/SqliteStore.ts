import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { plainBytes } from './bytes.js';
import { MIGRATIONS } from './sqliteSchema.js';
import { SqliteUpdateLog } from './SqliteUpdateLog.js';
import { SqliteWriteGate } from './SqliteWriteGate.js';
import type {
  CommentRecord, CommentStore, DocumentStore, LoginFailureStore, OrgRecord, OrgStore, ReportRecord, ReportStore, SectionRecord,
  SessionRecord, SessionStore, Store, ThreadRecord, TransitionRecord, UserPatch, UserRecord, UserStore, VersionRecord,
  VersionStore, VersionSummary,
} from './Store.js';

type Row = Record<string, unknown>;

function toUser(row: Row): UserRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    role: row.role as UserRecord['role'],
    department: (row.department as string | null) ?? null,
    passwordHash: row.password_hash as string,
    disabled: row.disabled === 1,
  };
}

const USER_COLUMNS: Record<keyof UserPatch, string> = {
  displayName: 'display_name',
  role: 'role',
  department: 'department',
  passwordHash: 'password_hash',
  disabled: 'disabled',
};

/**
 * The embedded store: one SQLite file in WAL mode where a write that resolved survives a crash
 * or power loss. Accounts, reports and comments are written here, the busy path, the Yjs update
 * log, on a connection of its own (SqliteUpdateLog); every write goes through the one
 * SqliteWriteGate, which makes it durable without the event loop waiting for the disk.
 */
export class SqliteStore implements Store {
  readonly orgs: OrgStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly loginFailures: LoginFailureStore;
  readonly reports: ReportStore;
  readonly comments: CommentStore;
  readonly versions: VersionStore;
  readonly documents: DocumentStore;
  private readonly db: Database.Database;
  private readonly gate: SqliteWriteGate;
  private readonly updateLog: SqliteUpdateLog;

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // The update log's maintainer thread checkpoints; here it would stall the event loop.
    this.db.pragma('wal_autocheckpoint = 0');
    // Migrations run before the gate exists, so they commit with a sync of their own.
    this.db.pragma('synchronous = FULL');
    this.migrate();
    this.db.pragma('synchronous = NORMAL');
    this.gate = new SqliteWriteGate(`${file}-wal`);
    this.updateLog = new SqliteUpdateLog(file, this.gate);
    this.orgs = this.orgStore();
    this.users = this.userStore();
    this.sessions = this.sessionStore();
    this.loginFailures = this.loginFailureStore();
    this.reports = this.reportStore();
    this.comments = this.commentStore();
    this.versions = this.versionStore();
    this.documents = this.updateLog;
  }

  static inDataDir(dataDir: string): SqliteStore {
    return new SqliteStore(path.join(dataDir, 'gongxie.sqlite'));
  }

  isOpen(): boolean {
    return this.db.open;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.updateLog.close();
    this.gate.close();
    this.db.close();
  }

  /** A write through the gate: it waits for the write lock without blocking, and resolves once on disk. */
  private durable<A extends unknown[]>(write: (...args: A) => unknown): (...args: A) => Promise<void> {
    return async (...args) => { await this.gate.write(() => { write(...args); }); };
  }

  private migrate() {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) throw new Error(`database schema ${current} is newer than this server (${MIGRATIONS.length})`);
    for (let version = current; version < MIGRATIONS.length; version++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[version]!);
        this.db.pragma(`user_version = ${version + 1}`);
      })();
    }
  }

  private orgStore(): OrgStore {
    const insertOrg = this.db.prepare('INSERT INTO orgs (id, name) VALUES (?, ?)');
    const insertDept = this.db.prepare('INSERT INTO departments (org_id, name, position) VALUES (?, ?, ?)');
    const getOrg = this.db.prepare('SELECT id, name FROM orgs WHERE id = ?');
    const listOrgs = this.db.prepare('SELECT id, name FROM orgs ORDER BY name');
    const listDepts = this.db.prepare('SELECT name FROM departments WHERE org_id = ? ORDER BY position').pluck();
    const create = this.db.transaction((org: OrgRecord, departments: readonly string[]) => {
      insertOrg.run(org.id, org.name);
      departments.forEach((name, index) => insertDept.run(org.id, name, index));
    });
    return {
      create: this.durable(create),
      get: async (id) => getOrg.get(id) as OrgRecord | undefined,
      list: async () => listOrgs.all() as OrgRecord[],
      departments: async (orgId) => listDepts.all(orgId) as string[],
    };
  }

  private userStore(): UserStore {
    const insert = this.db.prepare(`INSERT INTO users (id, org_id, username, display_name, role, department, password_hash, disabled)
      VALUES (@id, @orgId, @username, @displayName, @role, @department, @passwordHash, @disabled)`);
    const byId = this.db.prepare('SELECT * FROM users WHERE id = ?');
    const byUsername = this.db.prepare('SELECT * FROM users WHERE username = ?');
    const byOrg = this.db.prepare('SELECT * FROM users WHERE org_id = ? ORDER BY username');
    return {
      create: this.durable((user: UserRecord) => insert.run({ ...user, disabled: user.disabled ? 1 : 0 })),
      get: async (id) => { const row = byId.get(id) as Row | undefined; return row && toUser(row); },
      getByUsername: async (username) => { const row = byUsername.get(username) as Row | undefined; return row && toUser(row); },
      listByOrg: async (orgId) => (byOrg.all(orgId) as Row[]).map(toUser),
      update: this.durable((id: string, patch: UserPatch) => {
        const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof UserPatch, unknown][];
        if (entries.length === 0) return;
        const assignments = entries.map(([key]) => `${USER_COLUMNS[key]} = ?`).join(', ');
        const values = entries.map(([key, value]) => (key === 'disabled' ? (value ? 1 : 0) : value));
        this.db.prepare(`UPDATE users SET ${assignments} WHERE id = ?`).run(...values, id);
      }),
    };
  }

  private sessionStore(): SessionStore {
    const insert = this.db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)');
    const get = this.db.prepare('SELECT token_hash AS tokenHash, user_id AS userId, expires_at AS expiresAt FROM sessions WHERE token_hash = ?');
    const remove = this.db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    const removeForUser = this.db.prepare('DELETE FROM sessions WHERE user_id = ?');
    return {
      create: this.durable((s: SessionRecord) => insert.run(s.tokenHash, s.userId, s.expiresAt)),
      get: async (tokenHash) => get.get(tokenHash) as SessionRecord | undefined,
      delete: this.durable((tokenHash: string) => remove.run(tokenHash)),
      deleteForUser: this.durable((userId: string) => removeForUser.run(userId)),
    };
  }

  private loginFailureStore(): LoginFailureStore {
    const insert = this.db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)');
    const forget = this.db.prepare('DELETE FROM login_failures WHERE at < ?');
    const since = this.db.prepare('SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at').pluck();
    const clear = this.db.prepare('DELETE FROM login_failures WHERE key = ?');
    return {
      record: this.durable(this.db.transaction((keys: readonly string[], at: number, forgetBefore: number) => {
        forget.run(forgetBefore);
        for (const key of keys) insert.run(key, at);
      })),
      since: async (key, from) => since.all(key, from) as number[],
      clear: this.durable((key: string) => clear.run(key)),
    };
  }

  private reportStore(): ReportStore {
    const insertReport = this.db.prepare(`INSERT INTO reports (id, org_id, title, year, finalized, attachment_label)
      VALUES (@id, @orgId, @title, @year, @finalized, @attachmentLabel)`);
    const insertSection = this.db.prepare(`INSERT INTO sections (report_id, key, position, title, department, status)
      VALUES (@reportId, @key, @position, @title, @department, @status)`);
    const columns = 'id, org_id AS orgId, title, year, finalized, attachment_label AS attachmentLabel';
    const get = this.db.prepare(`SELECT ${columns} FROM reports WHERE id = ?`);
    const byOrg = this.db.prepare(`SELECT ${columns} FROM reports WHERE org_id = ? ORDER BY year DESC, title`);
    const sections = this.db.prepare(`SELECT report_id AS reportId, key, position, title, department, status
      FROM sections WHERE report_id = ? ORDER BY position`);
    const section = this.db.prepare(`SELECT report_id AS reportId, key, position, title, department, status
      FROM sections WHERE report_id = ? AND key = ?`);
    const setStatus = this.db.prepare('UPDATE sections SET status = ? WHERE report_id = ? AND key = ?');
    const setFinalized = this.db.prepare('UPDATE reports SET finalized = ? WHERE id = ?');
    const setTitle = this.db.prepare('UPDATE reports SET title = ? WHERE id = ?');
    const insertTransition = this.db.prepare(`INSERT INTO transitions (report_id, section_key, from_state, to_state, actor_id, at, reason)
      VALUES (@reportId, @sectionKey, @from, @to, @actorId, @at, @reason)`);
    const transitions = this.db.prepare(`SELECT report_id AS reportId, section_key AS sectionKey, from_state AS "from", to_state AS "to",
      actor_id AS actorId, at, reason FROM transitions WHERE report_id = ? ORDER BY id`);
    const toReport = (row: Row | undefined) => row && ({ ...row, finalized: row.finalized === 1 } as ReportRecord);
    const create = this.db.transaction((report: ReportRecord, rows: readonly SectionRecord[]) => {
      insertReport.run({ ...report, finalized: report.finalized ? 1 : 0 });
      for (const section of rows) insertSection.run(section);
    });
    const changeStatus = this.db.transaction((t: TransitionRecord & { sectionKey: string }) => {
      setStatus.run(t.to, t.reportId, t.sectionKey);
      insertTransition.run(t);
    });
    const changeFinalized = this.db.transaction((finalized: boolean, t: TransitionRecord) => {
      setFinalized.run(finalized ? 1 : 0, t.reportId);
      insertTransition.run(t);
    });
    const upsertSection = this.db.prepare(`INSERT INTO sections (report_id, key, position, title, department, status)
      VALUES (@reportId, @key, @position, @title, @department, @status)
      ON CONFLICT (report_id, key) DO UPDATE SET position = excluded.position, title = excluded.title, department = excluded.department`);
    const saveSections = this.db.transaction((reportId: string, rows: readonly SectionRecord[]) => {
      for (const section of rows) upsertSection.run({ ...section, reportId });
    });
    return {
      create: this.durable(create),
      get: async (id) => toReport(get.get(id) as Row | undefined),
      listByOrg: async (orgId) => (byOrg.all(orgId) as Row[]).map((r) => toReport(r)!),
      sections: async (reportId) => sections.all(reportId) as SectionRecord[],
      section: async (reportId, key) => section.get(reportId, key) as SectionRecord | undefined,
      setSectionStatus: this.durable(changeStatus),
      setFinalized: this.durable(changeFinalized),
      transitions: async (reportId) => transitions.all(reportId) as TransitionRecord[],
      saveSections: this.durable(saveSections),
      setTitle: this.durable((reportId: string, title: string) => setTitle.run(title, reportId)),
    };
  }

  private commentStore(): CommentStore {
    const insertThread = this.db.prepare(`INSERT INTO threads (id, report_id, section_key, author_id, quote, created_at, resolved_by, resolved_at)
      VALUES (@id, @reportId, @sectionKey, @authorId, @quote, @createdAt, @resolvedBy, @resolvedAt)`);
    const threadColumns = `id, report_id AS reportId, section_key AS sectionKey, author_id AS authorId, quote,
      created_at AS createdAt, resolved_by AS resolvedBy, resolved_at AS resolvedAt`;
    const thread = this.db.prepare(`SELECT ${threadColumns} FROM threads WHERE id = ?`);
    const threads = this.db.prepare(`SELECT ${threadColumns} FROM threads WHERE report_id = ? ORDER BY created_at, id`);
    const resolve = this.db.prepare('UPDATE threads SET resolved_by = ?, resolved_at = ? WHERE id = ?');
    const insertComment = this.db.prepare(`INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at, edited_at, deleted)
      VALUES (@id, @threadId, @authorId, @body, @mentions, @createdAt, @editedAt, @deleted)`);
    const commentColumns = `id, thread_id AS threadId, author_id AS authorId, body, mentions, created_at AS createdAt,
      edited_at AS editedAt, deleted`;
    const comment = this.db.prepare(`SELECT ${commentColumns} FROM comments WHERE id = ?`);
    const toComment = (row: Row | undefined) =>
      row && ({ ...row, mentions: JSON.parse(row.mentions as string), deleted: row.deleted === 1 } as CommentRecord);
    const commentRow = (c: CommentRecord) => ({ ...c, mentions: JSON.stringify(c.mentions), deleted: c.deleted ? 1 : 0 });
    const createThread = this.db.transaction((t: ThreadRecord, first: CommentRecord) => {
      insertThread.run(t);
      insertComment.run(commentRow(first));
    });
    return {
      createThread: this.durable(createThread),
      thread: async (id) => thread.get(id) as ThreadRecord | undefined,
      threads: async (reportId) => threads.all(reportId) as ThreadRecord[],
      setResolved: this.durable((id: string, by: string | null, at: number | null) => resolve.run(by, at, id)),
      addComment: this.durable((c: CommentRecord) => insertComment.run(commentRow(c))),
      comment: async (id) => toComment(comment.get(id) as Row | undefined),
      comments: async (threadIds) => {
        if (threadIds.length === 0) return [];
        const rows = this.db.prepare(`SELECT ${commentColumns} FROM comments WHERE thread_id IN (${threadIds.map(() => '?').join(',')})
          ORDER BY created_at, id`).all(...threadIds) as Row[];
        return rows.map((r) => toComment(r)!);
      },
      updateComment: this.durable((id: string, patch: Parameters<CommentStore['updateComment']>[1]) => {
        const current = toComment(comment.get(id) as Row | undefined);
        if (!current) return;
        const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as CommentRecord;
        this.db.prepare('UPDATE comments SET body = @body, mentions = @mentions, edited_at = @editedAt, deleted = @deleted WHERE id = @id')
          .run(commentRow(next));
      }),
    };
  }

  private versionStore(): VersionStore {
    const insert = this.db.prepare(`INSERT INTO versions (id, report_id, section_key, created_at, actor_id, kind, name, editors, state)
      VALUES (@id, @reportId, @sectionKey, @createdAt, @actorId, @kind, @name, @editors, @state)`);
    const summaryColumns = `id, report_id AS reportId, section_key AS sectionKey, created_at AS createdAt, actor_id AS actorId,
      kind, name, editors`;
    const get = this.db.prepare(`SELECT ${summaryColumns}, state FROM versions WHERE id = ?`);
    const list = this.db.prepare(`SELECT ${summaryColumns} FROM versions WHERE report_id = ? AND section_key = ?
      ORDER BY created_at DESC, rowid DESC`);
    const parse = (row: Row) => ({ ...row, editors: JSON.parse(row.editors as string) });
    return {
      create: this.durable((v: VersionRecord) => insert.run({ ...v, editors: JSON.stringify(v.editors), state: Buffer.from(v.state) })),
      get: async (id) => {
        const row = get.get(id) as Row | undefined;
        if (!row) return undefined;
        const state = row.state as Buffer;
        return { ...parse(row), state: plainBytes(state) } as VersionRecord;
      },
      list: async (reportId, sectionKey) => (list.all(reportId, sectionKey) as Row[]).map(parse) as VersionSummary[],
    };
  }
}
