import { expect, test } from 'vitest';
import {
  computeBudgetTable, createBudgetTable, STANDARD_ROWS, totalLabel, validateAmount, type BudgetTable,
} from '../../../shared/domain/budget.js';
import { toDecimalString } from '../../../shared/domain/money.js';

function ids() {
  let n = 0;
  return () => `id${++n}`;
}

function generalTable(values: Record<string, [string, string, string]>): BudgetTable {
  const table = createBudgetTable('general', { newId: ids() });
  for (const row of table.rows) {
    const v = values[row.code];
    if (v) row.values = { initialBudget: v[0], fullYearBudget: v[1], fullYearActual: v[2] };
  }
  return table;
}

const show = (d: { units: bigint; scale: number } | undefined) => (d === undefined ? undefined : toDecimalString(d));

test('default rows per kind', () => {
  expect(createBudgetTable('general', { newId: ids() }).rows.map((r) => [r.code, r.label])).toEqual([
    ['basic', '基本支出'], ['basic.personnel', '人员经费'], ['basic.public', '公用经费'], ['project', '项目支出'],
  ]);
  expect(STANDARD_ROWS['three-public'].map((r) => r.label)).toEqual(['因公出国（境）费', '公务用车购置及运行维护费', '公务接待费']);
  expect(STANDARD_ROWS['government-fund'].map((r) => r.label)).toEqual(['基本支出', '项目支出']);
  expect(totalLabel('general')).toBe('一般公共预算支出');
  expect(totalLabel('social-insurance')).toBe('社会保险基金预算支出');
  expect(totalLabel('three-public')).toBe('三公经费合计');
  const table = createBudgetTable('state-capital', { newId: ids(), unit: '元' });
  expect(table).toMatchObject({ id: 'id1', kind: 'state-capital', unit: '元' });
  expect(new Set(createBudgetTable('general').rows.map((r) => r.id)).size).toBe(4);
});

test('the seed report: 基本支出 769.78 typed, no split, no 项目支出 → total 769.78 at 100.00%', () => {
  const computed = computeBudgetTable(generalTable({ basic: ['769.78', '769.78', '769.78'], project: ['0', '0', '0'] }));
  expect(show(computed.total.amounts.fullYearActual)).toBe('769.78');
  expect(show(computed.total.rate)).toBe('100.00');
  expect(computed.total.label).toBe('一般公共预算支出');
  const basic = computed.rows[0]!;
  expect(basic.cells.fullYearBudget).toMatchObject({ derived: false, childrenSum: undefined });
  expect(computed.rows[1]!.depth).toBe(1);
  expect(computed.rows[3]!.rate).toBeUndefined(); // 0 budget: no rate rather than NaN
});

test('a blank parent is the sum of its children; the total adds top-level rows only', () => {
  const computed = computeBudgetTable(generalTable({
    'basic.personnel': ['500.12', '500.12', '498.1'], 'basic.public': ['269.66', '270', '250'], project: ['20', '30', '27'],
  }));
  const basic = computed.rows[0]!;
  expect(show(basic.cells.fullYearBudget.amount)).toBe('770.12');
  expect(basic.cells.fullYearBudget.derived).toBe(true);
  expect(show(computed.total.amounts.fullYearBudget)).toBe('800.12');
  expect(show(computed.total.amounts.fullYearActual)).toBe('775.1');
  expect(show(basic.rate)).toBe('97.14');
  expect(show(computed.rows[3]!.rate)).toBe('90.00');
});

test('cell validation reports in Chinese and never changes the typed value', () => {
  expect(validateAmount('', '万元')).toEqual({ state: 'empty' });
  expect(validateAmount('   ', '万元')).toEqual({ state: 'empty' });
  expect(validateAmount('abc', '万元')).toEqual({ state: 'error', message: '请输入数字' });
  expect(validateAmount('-1', '万元')).toEqual({ state: 'error', message: '金额不能为负' });
  expect(validateAmount('1.001', '元')).toEqual({ state: 'error', message: '最多两位小数' });
  expect(validateAmount('１,２００', '元')).toMatchObject({ state: 'ok', notes: ['全角字符已转为半角', '已去除千分位分隔符'] });
  const table = generalTable({ basic: ['abc', '', '769.78'] });
  const computed = computeBudgetTable(table);
  expect(computed.rows[0]!.cells.initialBudget.amount).toBeUndefined();
  expect(table.rows[0]!.values.initialBudget).toBe('abc');
});

test('三公经费 totals its three rows', () => {
  const table = createBudgetTable('three-public', { newId: ids() });
  table.rows.forEach((row, i) => { row.values.fullYearActual = ['0', '3.2', '1.05'][i]!; });
  expect(show(computeBudgetTable(table).total.amounts.fullYearActual)).toBe('4.25');
});
