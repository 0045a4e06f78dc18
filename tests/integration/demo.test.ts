import { expect, test } from 'vitest';
import { GongxieServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { DEMO_ORG_NAME, seedDemoIfEmpty } from '../../server/demo/seedDemo.js';
import { spawnServer } from '../helpers/childServer.js';
import { demoReport, login } from '../helpers/clients.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { DEMO_PASSWORD, tempDataDir } from '../helpers/server.js';

test('first start on an empty data dir creates the demo school with a password printed once', async () => {
  const dataDir = tempDataDir();
  const first = await spawnServer(dataDir, { GONGXIE_DEMO_PASSWORD: '' });
  const password = first.messages.map((m) => /初始密码：(\S+)/.exec(m)?.[1]).find(Boolean);
  expect(password).toBeTruthy();
  const { token, user } = await login(first.url, 'principal', password);
  expect(user).toMatchObject({ displayName: '校长', role: 'principal', org: { name: '株洲市二中南洲学校' } });
  for (const name of ['zonghe', 'xuesheng', 'jiaoxue', 'houqin']) await login(first.url, name, password);

  const report = await demoReport(first.url, token);
  // The demo report is the school's real 2024 report, imported: its own title and headings.
  expect(report).toMatchObject({ title: '2024年度株洲市二中南洲学校部门整体支出绩效自评报告', year: 2024 });
  expect(report.sections.map((s) => [s.key, s.title, s.department])).toEqual([
    ['basic-info', '部门（单位）基本情况', '综合事务部'],
    ['general-budget', '一般公共预算支出情况', '后勤服务部'],
    ['fund-budget', '政府性基金预算支出情况', '后勤服务部'],
    ['state-capital-budget', '国有资本经营预算支出情况', '后勤服务部'],
    ['social-insurance-budget', '社会保险基金预算支出情况', '后勤服务部'],
    ['performance', '资金使用及绩效情况', '教学教研部'],
    ['problems', '存在的问题及原因分析', '学生发展部'],
    ['improvements', '下一步改进措施', '综合事务部'],
  ]);
  const departments = await (await fetch(`${first.url}/api/departments`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(departments.departments).toEqual(['综合事务部', '学生发展部', '教学教研部', '后勤服务部']);
  first.proc.kill('SIGTERM');
  await first.exited;

  // A second start keeps the data and prints no password.
  const second = await spawnServer(dataDir, { GONGXIE_DEMO_PASSWORD: '' });
  expect(second.messages.join('\n')).not.toContain('初始密码');
  const again = await login(second.url, 'principal', password);
  const { reports } = await (await fetch(`${second.url}/api/reports`, { headers: { authorization: `Bearer ${again.token}` } })).json();
  expect(reports).toHaveLength(1);
  second.proc.kill('SIGTERM');
  expect(await second.exited).toBe(0);
});

test('two instances starting at the same moment on one empty PostgreSQL create the demo school once', async () => {
  const db = await createTestDatabase();
  const config = { ...loadConfig({}), dataDir: tempDataDir(), databaseUrl: db.url, logLevel: 'silent' as const };
  const instances = await Promise.all([GongxieServer.open(config), GongxieServer.open(config)]);
  try {
    const outcomes = await Promise.all(instances.map((instance) => seedDemoIfEmpty(instance, DEMO_PASSWORD)));
    expect(outcomes.map((outcome) => outcome.seeded).sort()).toEqual([false, true]);
    const { store } = instances[0]!;
    const orgs = await store.orgs.list();
    expect(orgs.map((org) => org.name)).toEqual([DEMO_ORG_NAME]);
    expect((await store.users.listByOrg(orgs[0]!.id)).map((user) => user.username).sort()).toEqual(['houqin', 'jiaoxue', 'principal', 'xuesheng', 'zonghe']);
    expect(await store.reports.listByOrg(orgs[0]!.id)).toHaveLength(1);
  } finally {
    for (const instance of instances) await instance.close();
    await db.drop();
  }
});
