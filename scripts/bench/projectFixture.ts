import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHOOL_DEPARTMENTS } from '../../shared/template.js';
import { Accounts } from '../../server/accounts/Accounts.js';
import { seedDemoIfEmpty } from '../../server/demo/seedDemo.js';
import { Logger } from '../../server/logger.js';
import { Reports } from '../../server/reports/Reports.js';
import { SqliteStore } from '../../server/storage/SqliteStore.js';

const SECTION_COUNT = 500;
export const DEMO_PASSWORD = 'bench-demo-pass';

/** A seeded data directory that each project server starts from (as a fresh copy). */
export interface ProjectFixture {
  root: string;
  reportId: string;
  sectionKeys: readonly string[];
  /** A fresh copy of the seeded data directory. */
  freshDataDir(): string;
  remove(): void;
}

/** The demo school plus one report of 500 sections, all owned by one department. */
export async function prepareProjectFixture(): Promise<ProjectFixture> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongxie-bench-'));
  const template = path.join(root, 'template');
  const store = SqliteStore.inDataDir(template);
  const sectionKeys = Array.from({ length: SECTION_COUNT }, (_, i) => `s${String(i + 1).padStart(3, '0')}`);
  let reportId: string;
  try {
    const accounts = new Accounts(store, 3600_000);
    const reports = new Reports(store);
    await seedDemoIfEmpty({ store, accounts, log: new Logger('silent') }, DEMO_PASSWORD);
    const [org] = await store.orgs.list();
    const sections = sectionKeys.map((key, i) => ({ key, title: `基准测试第${i + 1}节`, department: SCHOOL_DEPARTMENTS[0] }));
    reportId = (await reports.create(org!.id, '基准测试报告', 2025, sections)).id;
  } catch (err) {
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  await store.close();
  let copies = 0;
  return {
    root,
    reportId,
    sectionKeys,
    freshDataDir: () => {
      const dir = path.join(root, `server-${++copies}`);
      fs.cpSync(template, dir, { recursive: true });
      return dir;
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
