import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/storage/PostgresStore.js';
import { MIGRATIONS } from '../../server/storage/sqliteSchema.js';
import { SqliteStore } from '../../server/storage/SqliteStore.js';
import type { Store } from '../../server/storage/Store.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { tempDataDir } from '../helpers/server.js';

/** Each backend: how to open a store, and how to open it again on the same data. */
interface Backend {
  name: string;
  create(): Promise<{ open(): Promise<Store>; cleanup(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    create: async () => {
      const file = path.join(tempDataDir(), 'gongxie.sqlite');
      return { open: async () => new SqliteStore(file), cleanup: async () => {} };
    },
  },
  {
    name: 'PostgreSQL',
    create: async () => {
      const db = await createTestDatabase();
      return { open: () => PostgresStore.connect(db.url), cleanup: () => db.drop() };
    },
  },
];

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | undefined;
  doc.once('update', (u: Uint8Array) => { captured = u; });
  change();
  return captured!;
}

describe.each(backends)('$name store', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const c of cleanups) await c(); });

  async function fresh() {
    const data = await backend.create();
    cleanups.push(data.cleanup);
    return data;
  }

  test('organisations, users and sessions', async () => {
    const data = await fresh();
    const store = await data.open();
    await store.orgs.create({ id: 'o1', name: '甲校' }, ['综合事务部', '后勤服务部']);
    expect(await store.orgs.departments('o1')).toEqual(['综合事务部', '后勤服务部']);
    expect(await store.orgs.get('o1')).toEqual({ id: 'o1', name: '甲校' });
    expect(await store.orgs.get('nope')).toBeUndefined();

    const user = { id: 'u1', orgId: 'o1', username: 'zonghe', displayName: '综合', role: 'dept_head' as const, department: '综合事务部', passwordHash: 'h', disabled: false };
    await store.users.create(user);
    await expect(store.users.create({ ...user, id: 'u2' })).rejects.toThrow();
    expect(await store.users.getByUsername('zonghe')).toEqual(user);
    await store.users.update('u1', { disabled: true, department: null, role: 'viewer' });
    expect(await store.users.get('u1')).toEqual({ ...user, disabled: true, department: null, role: 'viewer' });
    expect((await store.users.listByOrg('o1')).map((u) => u.username)).toEqual(['zonghe']);

    await store.sessions.create({ tokenHash: 't1', userId: 'u1', expiresAt: 1_900_000_000_000 });
    await store.sessions.create({ tokenHash: 't2', userId: 'u1', expiresAt: 1 });
    expect(await store.sessions.get('t1')).toEqual({ tokenHash: 't1', userId: 'u1', expiresAt: 1_900_000_000_000 });
    await store.sessions.delete('t1');
    expect(await store.sessions.get('t1')).toBeUndefined();
    await store.sessions.deleteForUser('u1');
    expect(await store.sessions.get('t2')).toBeUndefined();
    await store.close();
    expect(store.isOpen()).toBe(false);
  });

  test('failed sign-ins: recorded under each key, read from a moment on, cleared per key, forgotten once old', async () => {
    const data = await fresh();
    const store = await data.open();
    const t0 = 1_800_000_000_000;
    await store.loginFailures.record(['a:10.0.0.1', 'u:houqin'], t0, t0 - 60_000);
    await store.loginFailures.record(['a:10.0.0.1', 'u:zonghe'], t0 + 1000, t0 - 59_000);
    expect(await store.loginFailures.since('a:10.0.0.1', t0)).toEqual([t0, t0 + 1000]);
    expect(await store.loginFailures.since('a:10.0.0.1', t0 + 1)).toEqual([t0 + 1000]);
    expect(await store.loginFailures.since('u:houqin', 0)).toEqual([t0]);
    await store.loginFailures.clear('u:houqin');
    expect(await store.loginFailures.since('u:houqin', 0)).toEqual([]);
    expect(await store.loginFailures.since('a:10.0.0.1', 0)).toEqual([t0, t0 + 1000]);
    // A failure recorded a window later forgets everything older than that window, under every key.
    await store.loginFailures.record(['a:10.0.0.2'], t0 + 120_000, t0 + 60_000);
    expect(await store.loginFailures.since('a:10.0.0.1', 0)).toEqual([]);
    expect(await store.loginFailures.since('u:zonghe', 0)).toEqual([]);
    await store.close();

    const reopened = await data.open();
    expect(await reopened.loginFailures.since('a:10.0.0.2', 0)).toEqual([t0 + 120_000]);
    await reopened.close();
  });

  test('reports and their sections in order', async () => {
    const data = await fresh();
    const store = await data.open();
    await store.orgs.create({ id: 'o1', name: '甲校' }, []);
    await store.reports.create({ id: 'r1', orgId: 'o1', title: '2024年度报告', year: 2024, finalized: false, attachmentLabel: null }, [
      { reportId: 'r1', key: 'b', position: 1, title: '一般公共预算支出情况', department: '后勤服务部', status: 'draft' },
      { reportId: 'r1', key: 'a', position: 0, title: '部门（单位）基本情况', department: '综合事务部', status: 'draft' },
    ]);
    await store.reports.create({ id: 'r0', orgId: 'o1', title: '2023年度报告', year: 2023, finalized: false, attachmentLabel: '附件4' }, []);
    expect(await store.reports.get('r1')).toEqual({ id: 'r1', orgId: 'o1', title: '2024年度报告', year: 2024, finalized: false, attachmentLabel: null });
    expect(await store.reports.get('r0')).toMatchObject({ attachmentLabel: '附件4' });
    await store.reports.setTitle('r0', '2023年度报告（修订稿）');
    expect(await store.reports.get('r0')).toMatchObject({ title: '2023年度报告（修订稿）', year: 2023 });
    expect((await store.reports.listByOrg('o1')).map((r) => r.id)).toEqual(['r1', 'r0']);
    expect((await store.reports.sections('r1')).map((s) => s.key)).toEqual(['a', 'b']);
    expect(await store.reports.section('r1', 'b')).toMatchObject({ key: 'b', title: '一般公共预算支出情况', position: 1 });
    expect(await store.reports.section('r1', 'nope')).toBeUndefined();
    expect((await store.reports.sections('r1'))[0]).toEqual({ reportId: 'r1', key: 'a', position: 0, title: '部门（单位）基本情况', department: '综合事务部', status: 'draft' });
    await store.close();
  });

  test('section management: new sections are added, existing ones moved, renamed and reassigned, statuses kept', async () => {
    const data = await fresh();
    const store = await data.open();
    await store.orgs.create({ id: 'o1', name: '甲校' }, []);
    const section = (key: string, position: number, title: string, department: string) =>
      ({ reportId: 'r1', key, position, title, department, status: 'draft' as const });
    await store.reports.create({ id: 'r1', orgId: 'o1', title: '2024年度报告', year: 2024, finalized: false, attachmentLabel: null },
      [section('a', 0, '基本情况', '综合事务部'), section('b', 1, '一般公共预算支出情况', '后勤服务部')]);
    await store.users.create({ id: 'u1', orgId: 'o1', username: 'houqin', displayName: '后勤', role: 'dept_head', department: '后勤服务部', passwordHash: 'h', disabled: false });
    await store.reports.setSectionStatus({ reportId: 'r1', sectionKey: 'b', from: 'draft', to: 'submitted', actorId: 'u1', at: 1, reason: null });
    await store.reports.saveSections('r1', [
      section('b', 0, '一般公共预算', '综合事务部'),
      section('c', 1, '其他需要说明的情况', '学生发展部'),
      section('a', 2, '基本情况', '综合事务部'),
    ]);
    expect(await store.reports.sections('r1')).toEqual([
      { ...section('b', 0, '一般公共预算', '综合事务部'), status: 'submitted' },
      section('c', 1, '其他需要说明的情况', '学生发展部'),
      section('a', 2, '基本情况', '综合事务部'),
    ]);
    await store.close();
    const reopened = await data.open();
    expect((await reopened.reports.sections('r1')).map((s) => s.key)).toEqual(['b', 'c', 'a']);
    await reopened.close();
  });

  test('the document log appends in one commit, survives reopening, and compacts atomically', async () => {
    const data = await fresh();
    let store = await data.open();
    const source = new Y.Doc();
    const text = source.getText('t');
    const batch = ['一', '二', '三'].map((t) => ({ docName: 'reports/r/sections/a', update: captureUpdate(source, () => text.insert(text.length, t)) }));
    const other = new Y.Doc();
    const otherUpdate = captureUpdate(other, () => other.getText('t').insert(0, '另一节'));
    await store.documents.append([...batch, { docName: 'reports/r/sections/b', update: otherUpdate }]);
    expect(await store.documents.count('reports/r/sections/a')).toBe(3);
    await store.close();

    store = await data.open();
    await store.documents.compact('reports/r/sections/a');
    expect(await store.documents.count('reports/r/sections/a')).toBe(1);
    const loaded = new Y.Doc();
    for (const u of (await store.documents.load('reports/r/sections/a')).updates) Y.applyUpdate(loaded, u);
    expect(loaded.getText('t').toString()).toBe('一二三');
    expect(await store.documents.load('reports/r/sections/none')).toEqual({ updates: [], snapshotStateVector: null });
    expect(await store.documents.list()).toEqual(['reports/r/sections/a', 'reports/r/sections/b']);
    await store.close();
  });

  test('a compacted document loads with its snapshot’s state vector, and only while the snapshot stands alone', async () => {
    const data = await fresh();
    const store = await data.open();
    const source = new Y.Doc();
    const text = source.getText('t');
    const name = 'reports/r/sections/vector';
    const append = (t: string) => store.documents.append([{ docName: name, update: captureUpdate(source, () => text.insert(text.length, t)) }]);
    await append('甲');
    await append('乙');
    expect((await store.documents.load(name)).snapshotStateVector).toBeNull();

    await store.documents.compact(name);
    const compacted = await store.documents.load(name);
    expect(compacted.updates).toHaveLength(1);
    expect(compacted.snapshotStateVector).toEqual(Y.encodeStateVector(source));
    expect(compacted.snapshotStateVector).toEqual(Y.encodeStateVectorFromUpdate(compacted.updates[0]!));

    // Beside a later update the snapshot's vector would understate the document.
    await append('丙');
    expect((await store.documents.load(name)).snapshotStateVector).toBeNull();
    await store.close();
  });

  test('appends racing a compaction are never lost', async () => {
    const data = await fresh();
    const store = await data.open();
    const source = new Y.Doc();
    const text = source.getText('t');
    const name = 'reports/r/sections/race';
    const appends: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      appends.push(store.documents.append([{ docName: name, update: captureUpdate(source, () => text.insert(text.length, `${i};`)) }]));
      if (i % 10 === 5) appends.push(store.documents.compact(name));
    }
    await Promise.all(appends);
    const loaded = new Y.Doc();
    for (const u of (await store.documents.load(name)).updates) Y.applyUpdate(loaded, u);
    expect(loaded.getText('t').toString()).toBe(text.toString());
    await store.close();
  });

  test('closing waits for a compaction under way, and the document comes back whole', async () => {
    const data = await fresh();
    const store = await data.open();
    const source = new Y.Doc();
    const text = source.getText('t');
    const name = 'reports/r/sections/closing';
    for (let i = 0; i < 30; i++) {
      await store.documents.append([{ docName: name, update: captureUpdate(source, () => text.insert(text.length, `${i};`)) }]);
    }
    const compaction = store.documents.compact(name);
    await store.close();
    await compaction;
    const reopened = await data.open();
    const loaded = new Y.Doc();
    for (const u of (await reopened.documents.load(name)).updates) Y.applyUpdate(loaded, u);
    expect(loaded.getText('t').toString()).toBe(text.toString());
    expect(await reopened.documents.count(name)).toBe(1);
    await reopened.close();
  });
});

test('SQLite runs in WAL mode, and every kind of write has synced the WAL before it resolves', async () => {
  const store = new SqliteStore(path.join(tempDataDir(), 'gongxie.sqlite'));
  const db = (store as unknown as { db: { pragma(p: string, o: { simple: true }): unknown } }).db;
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  // The commit itself does not sync (that would stall the event loop): the gate syncs after it.
  expect(db.pragma('synchronous', { simple: true })).toBe(1);
  const syncs = vi.spyOn(fs, 'fdatasync');
  const synced = async (write: Promise<unknown>) => {
    const before = syncs.mock.calls.length;
    await write;
    return syncs.mock.calls.length - before;
  };
  expect(await synced(store.orgs.create({ id: 'o1', name: '甲校' }, ['综合事务部']))).toBe(1);
  const user = { id: 'u1', orgId: 'o1', username: 'a', displayName: '甲', role: 'principal' as const, department: null, passwordHash: 'h', disabled: false };
  expect(await synced(store.users.create(user))).toBe(1);
  expect(await synced(store.sessions.create({ tokenHash: 't', userId: 'u1', expiresAt: 1 }))).toBe(1);
  expect(await synced(store.loginFailures.record(['u:a'], 1, 0))).toBe(1);
  expect(await synced(store.reports.create({ id: 'r1', orgId: 'o1', title: '报告', year: 2024, finalized: false, attachmentLabel: null }, []))).toBe(1);
  expect(await synced(store.reports.setTitle('r1', '报告（修订）'))).toBe(1);
  expect(await synced(store.documents.append([{ docName: 'reports/r1/sections/a', update: new Uint8Array([0, 0]) }]))).toBe(1);
  syncs.mockRestore();
  await store.close();
});

test('SQLite opens a database written before snapshots kept their state vector, and its documents load as they were', async () => {
  const file = path.join(tempDataDir(), 'gongxie.sqlite');
  const migrationsThen = MIGRATIONS.length - 1;
  const old = new Database(file);
  old.pragma('journal_mode = WAL');
  for (const migration of MIGRATIONS.slice(0, migrationsThen)) old.exec(migration);
  old.pragma(`user_version = ${migrationsThen}`);
  const source = new Y.Doc();
  source.getText('t').insert(0, '旧版本写下的快照');
  old.prepare('INSERT INTO document_updates (doc_name, data) VALUES (?, ?)').run('reports/r/sections/old', Y.encodeStateAsUpdate(source));
  old.close();

  const store = new SqliteStore(file);
  const loaded = await store.documents.load('reports/r/sections/old');
  expect(loaded.snapshotStateVector).toBeNull();
  const doc = new Y.Doc();
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  expect(doc.getText('t').toString()).toBe('旧版本写下的快照');
  await store.close();
  const reopened = new Database(file, { readonly: true });
  expect(reopened.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  reopened.close();
});

test('SQLite folds committed updates back into the database file while the store stays open', async () => {
  // Nothing on the event loop checkpoints (it would stall every editor on two fsyncs): the update
  // log's maintainer thread must, or the WAL grows without end and reads slow down with it.
  const dir = tempDataDir();
  const file = path.join(dir, 'gongxie.sqlite');
  const store = new SqliteStore(file);
  const source = new Y.Doc();
  const text = source.getText('t');
  const batch = Array.from({ length: 200 }, (_, i) => ({
    docName: 'reports/r/sections/wal', update: captureUpdate(source, () => text.insert(text.length, `${i}`.padEnd(500, '字'))),
  }));
  await store.documents.append(batch);
  // Read the database file alone, as it would be without its WAL: the rows must get there.
  const copy = path.join(dir, 'main-file-only.sqlite');
  const rowsInMainFile = () => {
    fs.copyFileSync(file, copy);
    const db = new Database(copy, { readonly: true });
    try {
      return db.prepare("SELECT COUNT(*) FROM document_updates WHERE doc_name = 'reports/r/sections/wal'").pluck().get() as number;
    } catch {
      return 0; // the schema itself may not be checkpointed yet
    } finally {
      db.close();
    }
  };
  await expect.poll(rowsInMainFile, { timeout: 15_000, interval: 250 }).toBe(200);
  await store.close();
});

test('SQLite commits land in the journal, move into the indexed log, and a crash with rows still in the journal loses none', async () => {
  const dir = tempDataDir();
  const file = path.join(dir, 'gongxie.sqlite');
  const store = new SqliteStore(file);
  const docs = ['reports/r/sections/a', 'reports/r/sections/b'];
  const sources = docs.map(() => new Y.Doc());
  const appendRound = (round: number) => store.documents.append(docs.map((docName, i) => ({
    docName, update: captureUpdate(sources[i]!, () => sources[i]!.getText('t').insert(0, `${round};`)),
  })));
  const rows = (db: Database.Database, table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const textOf = async (s: Store, docName: string) => {
    const doc = new Y.Doc();
    for (const u of (await s.documents.load(docName)).updates) Y.applyUpdate(doc, u);
    return doc.getText('t').toString();
  };
  const reader = new Database(file, { readonly: true });

  for (let round = 0; round < 10; round++) await appendRound(round);
  // Fresh commits sit in the journal until the next drain, and loads read them there.
  expect(rows(reader, 'document_update_journal')).toBe(20);
  expect(await textOf(store, docs[1]!)).toBe(sources[1]!.getText('t').toString());

  await expect.poll(() => rows(reader, 'document_update_journal'), { timeout: 10_000, interval: 100 }).toBe(0);
  expect(rows(reader, 'document_updates')).toBe(20);
  expect(await store.documents.count(docs[0]!)).toBe(10);

  // A crash right after more commits: copy the files as they are now, then open the copy.
  for (let round = 10; round < 13; round++) await appendRound(round);
  expect(rows(reader, 'document_update_journal')).toBe(6);
  const crashed = path.join(tempDataDir(), 'gongxie.sqlite');
  for (const suffix of ['', '-wal']) fs.copyFileSync(file + suffix, crashed + suffix);
  reader.close();
  await store.close();

  const reopened = new SqliteStore(crashed);
  for (const [i, docName] of docs.entries()) {
    expect(await textOf(reopened, docName)).toBe(sources[i]!.getText('t').toString());
    expect(await reopened.documents.count(docName)).toBe(13);
  }
  expect(await reopened.documents.list()).toEqual(docs);
  await reopened.close();
});
