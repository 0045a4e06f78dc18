/** The PostgreSQL schema, versioned like the SQLite one (migrations append, never change). */
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
    disabled BOOLEAN NOT NULL DEFAULT FALSE
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_at BIGINT NOT NULL
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
    id BIGSERIAL PRIMARY KEY,
    doc_name TEXT NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE INDEX document_updates_doc ON document_updates(doc_name, id);
  `,
];
