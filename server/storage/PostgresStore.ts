import pg from 'pg';
import * as Y from 'yjs';
import { applyUpdates } from './applyUpdates.js';
import { plainBytes } from './bytes.js';
import { MIGRATIONS } from './postgresSchema.js';
import { WorkInFlight } from './WorkInFlight.js';
import type {
  CommentRecord, CommentStore, DocumentStore, LoginFailureStore, OrgStore, ReportRecord, ReportStore, SectionRecord, SessionRecord, SessionStore,
  Store, ThreadRecord, TransitionRecord, UserPatch, UserRecord, UserStore, VersionStore, VersionSummary,
} from './Store.js';

type Row = Record<string, unknown>;

const USER_COLUMNS: Record<keyof UserPatch, string> = {
  displayName: 'display_name',
  role: 'role',
  department: 'department',
  passwordHash: 'password_hash',
  disabled: 'disabled',
};

function toUser(row: Row): UserRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    role: row.role as UserRecord['role'],
    department: (row.department as string | null) ?? null,
    passwordHash: row.password_hash as string,
    disabled: row.disabled as boolean,
  };
}

/**
 * The shared store for several instances: the same contract as SqliteStore on PostgreSQL.
 * Commits are durable (synchronous_commit on, the server default) before a promise resolves.
 */
export class PostgresStore implements Store {
  readonly orgs: OrgStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly loginFailures: LoginFailureStore;
  readonly reports: ReportStore;
  readonly comments: CommentStore;
  readonly versions: VersionStore;
  readonly documents: DocumentStore;
  /** Queries and transactions not finished yet; close() waits for them before ending the pool. */
  private readonly underWay = new WorkInFlight('store is closed');

  private constructor(private readonly pool: pg.Pool) {
    this.orgs = this.orgStore();
    this.users = this.userStore();
    this.sessions = this.sessionStore();
    this.loginFailures = this.loginFailureStore();
    this.reports = this.reportStore();
    this.comments = this.commentStore();
    this.versions = this.versionStore();
    this.documents = this.documentStore();
  }

  /** Connects and brings the schema up to date (one instance at a time, under an advisory lock). */
  static async connect(connectionString: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: 10 });
    pool.on('error', () => { /* idle client errors surface on the next query */ });
    const store = new PostgresStore(pool);
    await store.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(8815001)');
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await client.query('SELECT version FROM schema_version');
      const current = (rows[0]?.version as number | undefined) ?? 0;
      if (current > MIGRATIONS.length) throw new Error(`database schema ${current} is newer than this server (${MIGRATIONS.length})`);
      for (let version = current; version < MIGRATIONS.length; version++) await client.query(MIGRATIONS[version]!);
      await client.query('DELETE FROM schema_version');
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
    });
    return store;
  }

  isOpen(): boolean {
    return !this.underWay.isClosing;
  }

  async close(): Promise<void> {
    if (this.underWay.isClosing) return;
    // Ending the pool under a client still connecting never settles, and would cut a commit short.
    await this.underWay.close();
    await this.pool.end();
  }

  private query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.underWay.run(async () => (await this.pool.query(sql, params)).rows as Row[]);
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.underWay.run(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    });
  }

  private orgStore(): OrgStore {
    return {
      create: (org, departments) => this.transaction(async (c) => {
        await c.query('INSERT INTO orgs (id, name) VALUES ($1, $2)', [org.id, org.name]);
        for (const [index, name] of departments.entries()) {
          await c.query('INSERT INTO departments (org_id, name, position) VALUES ($1, $2, $3)', [org.id, name, index]);
        }
      }),
      get: async (id) => (await this.query('SELECT id, name FROM orgs WHERE id = $1', [id]))[0] as { id: string; name: string } | undefined,
      list: async () => (await this.query('SELECT id, name FROM orgs ORDER BY name')) as { id: string; name: string }[],
      departments: async (orgId) => (await this.query('SELECT name FROM departments WHERE org_id = $1 ORDER BY position', [orgId])).map((r) => r.name as string),
    };
  }

  private userStore(): UserStore {
    return {
      create: async (u) => {
        await this.query(`INSERT INTO users (id, org_id, username, display_name, role, department, password_hash, disabled)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [u.id, u.orgId, u.username, u.displayName, u.role, u.department, u.passwordHash, u.disabled]);
      },
      get: async (id) => { const row = (await this.query('SELECT * FROM users WHERE id = $1', [id]))[0]; return row && toUser(row); },
      getByUsername: async (username) => { const row = (await this.query('SELECT * FROM users WHERE username = $1', [username]))[0]; return row && toUser(row); },
      listByOrg: async (orgId) => (await this.query('SELECT * FROM users WHERE org_id = $1 ORDER BY username', [orgId])).map(toUser),
      update: async (id, patch) => {
        const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof UserPatch, unknown][];
        if (entries.length === 0) return;
        const assignments = entries.map(([key], i) => `${USER_COLUMNS[key]} = $${i + 1}`).join(', ');
        await this.query(`UPDATE users SET ${assignments} WHERE id = $${entries.length + 1}`, [...entries.map(([, v]) => v), id]);
      },
    };
  }

  private sessionStore(): SessionStore {
    return {
      create: async (s) => { await this.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [s.tokenHash, s.userId, s.expiresAt]); },
      get: async (tokenHash) => {
        const row = (await this.query('SELECT token_hash, user_id, expires_at FROM sessions WHERE token_hash = $1', [tokenHash]))[0];
        return row && ({ tokenHash: row.token_hash, userId: row.user_id, expiresAt: Number(row.expires_at) } as SessionRecord);
      },
      delete: async (tokenHash) => { await this.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]); },
      deleteForUser: async (userId) => { await this.query('DELETE FROM sessions WHERE user_id = $1', [userId]); },
    };
  }

  private loginFailureStore(): LoginFailureStore {
    return {
      record: (keys, at, forgetBefore) => this.transaction(async (c) => {
        await c.query('DELETE FROM login_failures WHERE at < $1', [forgetBefore]);
        await c.query('INSERT INTO login_failures (key, at) SELECT key, $2 FROM unnest($1::text[]) AS key', [keys, at]);
      }),
      since: async (key, from) => (await this.query('SELECT at FROM login_failures WHERE key = $1 AND at >= $2 ORDER BY at', [key, from]))
        .map((row) => Number(row.at)),
      clear: async (key) => { await this.query('DELETE FROM login_failures WHERE key = $1', [key]); },
    };
  }

  private reportStore(): ReportStore {
    const toReport = (r: Row): ReportRecord => ({
      id: r.id as string, orgId: r.org_id as string, title: r.title as string, year: r.year as number, finalized: r.finalized as boolean,
      attachmentLabel: r.attachment_label as string | null,
    });
    const insertTransition = (c: pg.PoolClient, t: TransitionRecord) => c.query(
      'INSERT INTO transitions (report_id, section_key, from_state, to_state, actor_id, at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [t.reportId, t.sectionKey, t.from, t.to, t.actorId, t.at, t.reason]);
    return {
      create: (report, sections) => this.transaction(async (c) => {
        await c.query('INSERT INTO reports (id, org_id, title, year, finalized, attachment_label) VALUES ($1, $2, $3, $4, $5, $6)',
          [report.id, report.orgId, report.title, report.year, report.finalized, report.attachmentLabel]);
        for (const s of sections) {
          await c.query('INSERT INTO sections (report_id, key, position, title, department, status) VALUES ($1, $2, $3, $4, $5, $6)',
            [s.reportId, s.key, s.position, s.title, s.department, s.status]);
        }
      }),
      get: async (id) => { const row = (await this.query('SELECT * FROM reports WHERE id = $1', [id]))[0]; return row && toReport(row); },
      listByOrg: async (orgId) => (await this.query('SELECT * FROM reports WHERE org_id = $1 ORDER BY year DESC, title', [orgId])).map(toReport),
      sections: async (reportId) => (await this.query(
        'SELECT report_id AS "reportId", key, position, title, department, status FROM sections WHERE report_id = $1 ORDER BY position', [reportId],
      )) as unknown as SectionRecord[],
      section: async (reportId, key) => (await this.query(
        'SELECT report_id AS "reportId", key, position, title, department, status FROM sections WHERE report_id = $1 AND key = $2', [reportId, key],
      ))[0] as unknown as SectionRecord | undefined,
      setSectionStatus: (t) => this.transaction(async (c) => {
        await c.query('UPDATE sections SET status = $1 WHERE report_id = $2 AND key = $3', [t.to, t.reportId, t.sectionKey]);
        await insertTransition(c, t);
      }),
      setFinalized: (finalized, t) => this.transaction(async (c) => {
        await c.query('UPDATE reports SET finalized = $1 WHERE id = $2', [finalized, t.reportId]);
        await insertTransition(c, t);
      }),
      transitions: async (reportId) => (await this.query(
        `SELECT report_id AS "reportId", section_key AS "sectionKey", from_state AS "from", to_state AS "to", actor_id AS "actorId",
         at, reason FROM transitions WHERE report_id = $1 ORDER BY id`, [reportId],
      )).map((r) => ({ ...r, at: Number(r.at) }) as unknown as TransitionRecord),
      setTitle: async (reportId, title) => { await this.query('UPDATE reports SET title = $1 WHERE id = $2', [title, reportId]); },
      saveSections: (reportId, sections) => this.transaction(async (c) => {
        for (const s of sections) {
          await c.query(`INSERT INTO sections (report_id, key, position, title, department, status) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (report_id, key) DO UPDATE SET position = EXCLUDED.position, title = EXCLUDED.title, department = EXCLUDED.department`,
          [reportId, s.key, s.position, s.title, s.department, s.status]);
        }
      }),
    };
  }

  private commentStore(): CommentStore {
    const threadColumns = `id, report_id AS "reportId", section_key AS "sectionKey", author_id AS "authorId", quote,
      created_at AS "createdAt", resolved_by AS "resolvedBy", resolved_at AS "resolvedAt"`;
    const toThread = (r: Row) => ({ ...r, createdAt: Number(r.createdAt), resolvedAt: r.resolvedAt === null ? null : Number(r.resolvedAt) }) as unknown as ThreadRecord;
    const commentColumns = `id, thread_id AS "threadId", author_id AS "authorId", body, mentions, created_at AS "createdAt",
      edited_at AS "editedAt", deleted`;
    const toComment = (r: Row) => ({
      ...r, mentions: JSON.parse(r.mentions as string), createdAt: Number(r.createdAt), editedAt: r.editedAt === null ? null : Number(r.editedAt),
    }) as unknown as CommentRecord;
    const insertComment = (q: (sql: string, p: unknown[]) => Promise<unknown>, c: CommentRecord) => q(
      'INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at, edited_at, deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [c.id, c.threadId, c.authorId, c.body, JSON.stringify(c.mentions), c.createdAt, c.editedAt, c.deleted]);
    return {
      createThread: (t, first) => this.transaction(async (c) => {
        await c.query(`INSERT INTO threads (id, report_id, section_key, author_id, quote, created_at, resolved_by, resolved_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [t.id, t.reportId, t.sectionKey, t.authorId, t.quote, t.createdAt, t.resolvedBy, t.resolvedAt]);
        await insertComment((sql, p) => c.query(sql, p), first);
      }),
      thread: async (id) => { const row = (await this.query(`SELECT ${threadColumns} FROM threads WHERE id = $1`, [id]))[0]; return row && toThread(row); },
      threads: async (reportId) => (await this.query(`SELECT ${threadColumns} FROM threads WHERE report_id = $1 ORDER BY created_at, id`, [reportId])).map(toThread),
      setResolved: async (id, by, at) => { await this.query('UPDATE threads SET resolved_by = $1, resolved_at = $2 WHERE id = $3', [by, at, id]); },
      addComment: async (c) => { await insertComment((sql, p) => this.query(sql, p), c); },
      comment: async (id) => { const row = (await this.query(`SELECT ${commentColumns} FROM comments WHERE id = $1`, [id]))[0]; return row && toComment(row); },
      comments: async (threadIds) => threadIds.length === 0 ? [] : (await this.query(
        `SELECT ${commentColumns} FROM comments WHERE thread_id = ANY($1::text[]) ORDER BY created_at, id`, [threadIds],
      )).map(toComment),
      updateComment: async (id, patch) => {
        const row = (await this.query(`SELECT ${commentColumns} FROM comments WHERE id = $1`, [id]))[0];
        if (!row) return;
        const next = { ...toComment(row), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as CommentRecord;
        await this.query('UPDATE comments SET body = $1, mentions = $2, edited_at = $3, deleted = $4 WHERE id = $5',
          [next.body, JSON.stringify(next.mentions), next.editedAt, next.deleted, id]);
      },
    };
  }

  private versionStore(): VersionStore {
    const summaryColumns = `id, report_id AS "reportId", section_key AS "sectionKey", created_at AS "createdAt", actor_id AS "actorId",
      kind, name, editors`;
    const toSummary = (r: Row) => ({ ...r, createdAt: Number(r.createdAt), editors: JSON.parse(r.editors as string) }) as unknown as VersionSummary;
    return {
      create: async (v) => {
        await this.query(`INSERT INTO versions (id, report_id, section_key, created_at, actor_id, kind, name, editors, state)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [v.id, v.reportId, v.sectionKey, v.createdAt, v.actorId, v.kind, v.name, JSON.stringify(v.editors), Buffer.from(v.state)]);
      },
      get: async (id) => {
        const row = (await this.query(`SELECT ${summaryColumns}, state FROM versions WHERE id = $1`, [id]))[0];
        if (!row) return undefined;
        const state = row.state as Buffer;
        const { state: _omit, ...rest } = row;
        return { ...toSummary(rest), state: plainBytes(state) };
      },
      list: async (reportId, sectionKey) => (await this.query(
        `SELECT ${summaryColumns} FROM versions WHERE report_id = $1 AND section_key = $2 ORDER BY created_at DESC, id DESC`, [reportId, sectionKey],
      )).map(toSummary),
    };
  }

  private documentStore(): DocumentStore {
    return {
      load: async (docName) => {
        const rows = await this.query('SELECT data, state_vector FROM document_updates WHERE doc_name = $1 ORDER BY id', [docName]);
        const stateVector = rows.length === 1 ? rows[0]!.state_vector as Buffer | null : null;
        return { updates: rows.map((r) => plainBytes(r.data as Buffer)), snapshotStateVector: stateVector && plainBytes(stateVector) };
      },
      append: async (batch) => {
        if (batch.length === 0) return;
        // One multi-row INSERT is one durable commit for the whole group.
        const params = batch.flatMap(({ docName, update }) => [docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]);
        const values = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
        await this.query(`INSERT INTO document_updates (doc_name, data) VALUES ${values}`, params);
      },
      compact: (docName) => this.transaction(async (c) => {
        // Serialise compactions of one document across instances.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [docName]);
        const { rows } = await c.query('SELECT id, data, state_vector IS NOT NULL AS has_vector FROM document_updates WHERE doc_name = $1 ORDER BY id', [docName]);
        if (rows.length === 0 || (rows.length === 1 && rows[0]!.has_vector)) return;
        const doc = new Y.Doc();
        applyUpdates(doc, rows.map((row) => plainBytes(row.data as Buffer)));
        const snapshot = Y.encodeStateAsUpdate(doc);
        const stateVector = Y.encodeStateVector(doc);
        doc.destroy();
        // Delete exactly the rows merged: a row committed meanwhile by another instance stays.
        await c.query('DELETE FROM document_updates WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id as string)]);
        await c.query('INSERT INTO document_updates (doc_name, data, state_vector) VALUES ($1, $2, $3)', [docName, Buffer.from(snapshot), Buffer.from(stateVector)]);
      }),
      count: async (docName) => Number((await this.query('SELECT COUNT(*) AS n FROM document_updates WHERE doc_name = $1', [docName]))[0]!.n),
      list: async () => (await this.query('SELECT DISTINCT doc_name FROM document_updates ORDER BY doc_name')).map((r) => r.doc_name as string),
    };
  }
}
