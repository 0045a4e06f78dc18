import crypto from 'node:crypto';
import { SCHOOL_DEPARTMENTS } from '../../shared/template.js';
import type { Accounts } from '../accounts/Accounts.js';
import type { Logger } from '../logger.js';
import { ReportBuilder } from '../reports/ReportBuilder.js';
import type { Store } from '../storage/Store.js';
import { demoReportDraft } from './demoReport.js';

export const DEMO_ORG_NAME = '株洲市二中南洲学校';
/** Fixed, so that of two instances seeding one empty database at once only one can create it. */
const DEMO_ORG_ID = 'demo-school';

export const DEMO_USERS = [
  { username: 'principal', displayName: '校长', role: 'principal', department: null },
  { username: 'zonghe', displayName: '综合事务部', role: 'dept_head', department: '综合事务部' },
  { username: 'xuesheng', displayName: '学生发展部', role: 'dept_head', department: '学生发展部' },
  { username: 'jiaoxue', displayName: '教学教研部', role: 'dept_head', department: '教学教研部' },
  { username: 'houqin', displayName: '后勤服务部', role: 'dept_head', department: '后勤服务部' },
] as const;

/**
 * On the first start with an empty store: the school of the reference report, its four
 * departments, one account per department plus the principal, and the reference report itself
 * imported (see demoReport.ts). Returns the password when one was generated (to print once).
 */
export async function seedDemoIfEmpty(deps: { store: Store; accounts: Accounts; log: Logger },
  password: string | undefined): Promise<{ seeded: boolean; generatedPassword: string | null }> {
  const notSeeded = { seeded: false, generatedPassword: null };
  if ((await deps.store.orgs.list()).length > 0) return notSeeded;
  const orgId = DEMO_ORG_ID;
  try {
    await deps.store.orgs.create({ id: orgId, name: DEMO_ORG_NAME }, SCHOOL_DEPARTMENTS);
  } catch (err) {
    // Another instance started on the same empty database at the same moment and won.
    if (await deps.store.orgs.get(orgId)) return notSeeded;
    throw err;
  }
  const demoPassword = password ?? crypto.randomBytes(9).toString('base64url');
  for (const user of DEMO_USERS) await deps.accounts.createUser({ ...user, orgId, password: demoPassword });
  await new ReportBuilder(deps.store).build(demoReportDraft(orgId));
  deps.log.info('demo.seeded', { org: DEMO_ORG_NAME, users: DEMO_USERS.map((u) => u.username) });
  return { seeded: true, generatedPassword: password ? null : demoPassword };
}
