import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { MIGRATIONS, SCHEMA_VERSION } from './sqliteSchema.js';
import type {
  DocumentStore, DocumentUpdate, OrgRecord, OrgStore, ReportRecord, ReportStore, SectionRecord,
  SessionRecord, SessionStore, Store, UserPatch, UserRecord, UserStore,
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
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a commit that
 * returned survives a crash or power loss. better-sqlite3 is synchronous; the async interface
 * keeps the contract open for networked stores.
 */
export class SqliteStore implements Store {
  readonly orgs: OrgStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly reports: ReportStore;
  readonly documents: DocumentStore;
  private readonly db: Database.Database;

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.orgs = this.orgStore();
    this.users = this.userStore();
    this.sessions = this.sessionStore();
    this.reports = this.reportStore();
    this.documents = this.documentStore();
  }

  static inDataDir(dataDir: string): SqliteStore {
    return new SqliteStore(path.join(dataDir, 'gongxie.sqlite'));
  }

  isOpen(): boolean {
    return this.db.open;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private migrate() {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) throw new Error(`database schema ${current} is newer than this server (${SCHEMA_VERSION})`);
    for (let version = current; version < SCHEMA_VERSION; version++) {
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
      create: async (org, departments) => create(org, departments),
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
      create: async (user) => { insert.run({ ...user, disabled: user.disabled ? 1 : 0 }); },
      get: async (id) => { const row = byId.get(id) as Row | undefined; return row && toUser(row); },
      getByUsername: async (username) => { const row = byUsername.get(username) as Row | undefined; return row && toUser(row); },
      listByOrg: async (orgId) => (byOrg.all(orgId) as Row[]).map(toUser),
      update: async (id, patch) => {
        const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof UserPatch, unknown][];
        if (entries.length === 0) return;
        const assignments = entries.map(([key]) => `${USER_COLUMNS[key]} = ?`).join(', ');
        const values = entries.map(([key, value]) => (key === 'disabled' ? (value ? 1 : 0) : value));
        this.db.prepare(`UPDATE users SET ${assignments} WHERE id = ?`).run(...values, id);
      },
    };
  }

  private sessionStore(): SessionStore {
    const insert = this.db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)');
    const get = this.db.prepare('SELECT token_hash AS tokenHash, user_id AS userId, expires_at AS expiresAt FROM sessions WHERE token_hash = ?');
    const remove = this.db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    const removeForUser = this.db.prepare('DELETE FROM sessions WHERE user_id = ?');
    return {
      create: async (s) => { insert.run(s.tokenHash, s.userId, s.expiresAt); },
      get: async (tokenHash) => get.get(tokenHash) as SessionRecord | undefined,
      delete: async (tokenHash) => { remove.run(tokenHash); },
      deleteForUser: async (userId) => { removeForUser.run(userId); },
    };
  }

  private reportStore(): ReportStore {
    const insertReport = this.db.prepare('INSERT INTO reports (id, org_id, title, year) VALUES (@id, @orgId, @title, @year)');
    const insertSection = this.db.prepare(`INSERT INTO sections (report_id, key, position, title, department)
      VALUES (@reportId, @key, @position, @title, @department)`);
    const get = this.db.prepare('SELECT id, org_id AS orgId, title, year FROM reports WHERE id = ?');
    const byOrg = this.db.prepare('SELECT id, org_id AS orgId, title, year FROM reports WHERE org_id = ? ORDER BY year DESC, title');
    const sections = this.db.prepare(`SELECT report_id AS reportId, key, position, title, department
      FROM sections WHERE report_id = ? ORDER BY position`);
    const create = this.db.transaction((report: ReportRecord, rows: readonly SectionRecord[]) => {
      insertReport.run(report);
      for (const section of rows) insertSection.run(section);
    });
    return {
      create: async (report, rows) => create(report, rows),
      get: async (id) => get.get(id) as ReportRecord | undefined,
      listByOrg: async (orgId) => byOrg.all(orgId) as ReportRecord[],
      sections: async (reportId) => sections.all(reportId) as SectionRecord[],
    };
  }

  private documentStore(): DocumentStore {
    const load = this.db.prepare('SELECT data FROM document_updates WHERE doc_name = ? ORDER BY id').pluck();
    const insert = this.db.prepare('INSERT INTO document_updates (doc_name, data) VALUES (?, ?)');
    const removeUpTo = this.db.prepare('DELETE FROM document_updates WHERE doc_name = ? AND id <= ?');
    const maxId = this.db.prepare('SELECT MAX(id) FROM document_updates WHERE doc_name = ?').pluck();
    const count = this.db.prepare('SELECT COUNT(*) FROM document_updates WHERE doc_name = ?').pluck();
    const names = this.db.prepare('SELECT DISTINCT doc_name FROM document_updates ORDER BY doc_name').pluck();
    const append = this.db.transaction((batch: readonly DocumentUpdate[]) => {
      for (const { docName, update } of batch) insert.run(docName, update);
    });
    const compact = this.db.transaction((docName: string) => {
      const upTo = maxId.get(docName) as number | null;
      if (upTo === null) return;
      const doc = new Y.Doc();
      for (const data of load.all(docName) as Buffer[]) Y.applyUpdate(doc, data);
      const snapshot = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      removeUpTo.run(docName, upTo);
      insert.run(docName, snapshot);
    });
    return {
      load: async (docName) => (load.all(docName) as Buffer[]).map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
      append: async (batch) => { if (batch.length > 0) append(batch); },
      compact: async (docName) => compact(docName),
      count: async (docName) => count.get(docName) as number,
      list: async () => names.all() as string[],
    };
  }
}
