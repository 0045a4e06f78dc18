/** The SQLite schema, as migrations: append one when it changes, never edit one (user_version counts those applied). */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
  );
  CREATE TABLE departments (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (org_id, name)
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    department TEXT,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    title TEXT NOT NULL,
    year INTEGER NOT NULL
  );
  CREATE TABLE sections (
    report_id TEXT NOT NULL REFERENCES reports(id),
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    department TEXT NOT NULL,
    PRIMARY KEY (report_id, key)
  );
  CREATE TABLE document_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_name TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX document_updates_doc ON document_updates(doc_name, id);
  `,
  `
  ALTER TABLE sections ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
  ALTER TABLE reports ADD COLUMN finalized INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE transitions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL REFERENCES reports(id),
    section_key TEXT,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES users(id),
    at INTEGER NOT NULL,
    reason TEXT
  );
  CREATE INDEX transitions_report ON transitions(report_id, id);
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id),
    section_key TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users(id),
    quote TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    resolved_by TEXT REFERENCES users(id),
    resolved_at INTEGER
  );
  CREATE INDEX threads_report ON threads(report_id, created_at);
  CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES threads(id),
    author_id TEXT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    mentions TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX comments_thread ON comments(thread_id, created_at);
  CREATE TABLE versions (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id),
    section_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    actor_id TEXT REFERENCES users(id),
    kind TEXT NOT NULL,
    name TEXT,
    editors TEXT NOT NULL,
    state BLOB NOT NULL
  );
  CREATE INDEX versions_section ON versions(report_id, section_key, created_at);
  `,
  `
  ALTER TABLE reports ADD COLUMN attachment_label TEXT;
  `,
  `
  -- Commits append here: with no index, a commit writes a few pages at the table's end instead of
  -- one index page per document. SqliteUpdateLog drains it into document_updates every 2 s.
  CREATE TABLE document_update_journal (
    id INTEGER PRIMARY KEY,
    doc_name TEXT NOT NULL,
    data BLOB NOT NULL
  );
  `,
  `
  -- Set on compaction snapshots only (see StoredLog.snapshotStateVector).
  ALTER TABLE document_updates ADD COLUMN state_vector BLOB;
  `,
  `
  -- Failed sign-ins within the login limit's window (see LoginThrottle).
  CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX login_failures_key ON login_failures(key, at);
  `,
];
