import { afterAll, beforeAll, expect, test } from 'vitest';
import { budgetTableFromNode } from '../../shared/editor/budgetNodes.js';
import { budgetCell } from '../helpers/budgetCells.js';
import { connectSection, demoReport, eventually, login, storedDoc, waitForSync, type SectionClient } from '../helpers/clients.js';
import { contentOf } from '../helpers/reportAdmin.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// houqin (后勤服务部) owns 一般公共预算; the principal may write every section.
let server: TestServer;
let reportId: string;
let houqin: SectionClient;
let principal: SectionClient;

beforeAll(async () => {
  server = await startTestServer();
  const principalToken = (await login(server.url, 'principal')).token;
  reportId = (await demoReport(server.url, principalToken)).id;
  houqin = connectSection(server.collabUrl, (await login(server.url, 'houqin')).token, reportId, 'general-budget');
  principal = connectSection(server.collabUrl, principalToken, reportId, 'general-budget');
  await Promise.all([waitForSync(houqin.provider), waitForSync(principal.provider)]);
});
afterAll(async () => {
  houqin?.destroy();
  principal?.destroy();
  await server?.close();
});

/** The 一般公共预算 table as each party sees it: both clients and the store. */
async function tables() {
  const stored = await storedDoc(server.server.store.documents, reportId, 'general-budget');
  return [houqin.doc, principal.doc, stored].map((doc) => budgetTableFromNode(contentOf(doc).content!.find((b) => b.type === 'budgetTable')!));
}

const valueOf = (table: Awaited<ReturnType<typeof tables>>[number], label: string, column: 'initialBudget' | 'fullYearBudget' | 'fullYearActual') =>
  table.rows.find((r) => r.label === label)!.values[column];

test('two people fill different cells of one table at the same moment: both figures survive everywhere', async () => {
  // Both writes leave before either has seen the other's (same tick, no await in between).
  budgetCell(houqin.doc, '人员经费', 'fullYearBudget').setAttribute('value', '612.40');
  budgetCell(principal.doc, '公用经费', 'fullYearBudget').setAttribute('value', '157.38');
  const all = await eventually(tables, (ts) => ts.every((t) => valueOf(t, '人员经费', 'fullYearBudget') === '612.40'
    && valueOf(t, '公用经费', 'fullYearBudget') === '157.38'));
  expect(all[0]).toEqual(all[1]);
  expect(all[1]).toEqual(all[2]);
  expect(all[0]!.rows.map((r) => r.label)).toEqual(['基本支出', '人员经费', '公用经费', '项目支出']);
});

test('two people type in the same cell at the same moment: one of the two values, never both run together', async () => {
  budgetCell(houqin.doc, '项目支出', 'initialBudget').setAttribute('value', '1200');
  budgetCell(principal.doc, '项目支出', 'initialBudget').setAttribute('value', '1500');
  const all = await eventually(tables, (ts) => ts.every((t) => valueOf(t, '项目支出', 'initialBudget') === valueOf(ts[0]!, '项目支出', 'initialBudget'))
    && ['1200', '1500'].includes(valueOf(ts[0]!, '项目支出', 'initialBudget')));
  expect(['1200', '1500']).toContain(valueOf(all[2]!, '项目支出', 'initialBudget'));
  // The table kept its shape: one row each, three cells each.
  expect(all.map((t) => t.rows.length)).toEqual([4, 4, 4]);
});
