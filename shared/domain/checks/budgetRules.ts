import {
  BUDGET_COLUMNS, BUDGET_COLUMN_LABELS, BUDGET_KIND_LABELS, computeBudgetTable,
  type BudgetTable, type ComputedBudgetRow,
} from '../budget.js';
import { compare, formatPercent, fromInteger, isZero, toDecimalString, type Decimal, type MoneyUnit } from '../money.js';
import { explainsLabel } from '../narrative.js';
import { problem, type Problem } from './problem.js';

const LOW_RATE = fromInteger(90);
const FULL_RATE = fromInteger(100);

export function amountText(amount: Decimal, unit: MoneyUnit): string {
  return `${toDecimalString(amount)}${unit}`;
}

/**
 * Checks one budget table: typed cells are numbers, a row that has parts equals their sum, and
 * a 执行率 below 90% (error) or above 100% (warning) is explained, either in the row's note or
 * by a sentence of the report that names the row and gives a reason.
 */
export function checkBudgetTable(sectionKey: string, table: BudgetTable, reportTexts: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const computed = computeBudgetTable(table);
  const tableName = `${BUDGET_KIND_LABELS[table.kind]}表`;
  const byId = new Map(computed.rows.map((r) => [r.row.id, r]));
  for (const row of computed.rows) {
    const at = (column?: string) => ({ sectionKey, blockId: table.id, rowId: row.row.id, ...(column ? { column } : {}) });
    for (const column of BUDGET_COLUMNS) {
      const cell = row.cells[column];
      const where = `${tableName}「${row.row.label}」${BUDGET_COLUMN_LABELS[column]}`;
      if (cell.check.state === 'error') {
        problems.push(problem('amount-invalid', 'error', `${where}：${cell.check.message}`, at(column)));
        continue;
      }
      const children = row.childIds.map((id) => byId.get(id)!);
      const allChildrenFilled = children.length > 0 && children.every((child) => child.cells[column].amount !== undefined);
      if (cell.check.state === 'ok' && allChildrenFilled && compare(cell.check.amount, cell.childrenSum!) !== 0) {
        const parts = children.map((child) => child.row.label).join(' + ');
        problems.push(problem('parts-do-not-add-up', 'error',
          `${where}为${amountText(cell.check.amount, table.unit)}，但${parts}合计为${amountText(cell.childrenSum!, table.unit)}`, at(column)));
      }
    }
    problems.push(...checkRate(row, tableName, reportTexts, at()));
  }
  return problems;
}

function checkRate(row: ComputedBudgetRow, tableName: string, reportTexts: readonly string[],
  location: Problem['location']): Problem[] {
  const label = row.row.label;
  const budget = row.cells.fullYearBudget.amount;
  const actual = row.cells.fullYearActual.amount;
  const explained = row.row.note.trim() !== '' || explainsLabel(reportTexts, label);
  if (explained) return [];
  if (budget !== undefined && isZero(budget) && actual !== undefined && !isZero(actual)) {
    return [problem('execution-without-budget', 'warning',
      `${tableName}「${label}」全年预算数为0却有执行数，请说明原因`, location)];
  }
  if (row.rate === undefined) return [];
  if (compare(row.rate, LOW_RATE) < 0) {
    return [problem('execution-rate-low', 'error',
      `${tableName}「${label}」执行率${formatPercent(row.rate)}，低于90%，需要说明原因`, location)];
  }
  if (compare(row.rate, FULL_RATE) > 0) {
    return [problem('execution-rate-high', 'warning',
      `${tableName}「${label}」执行率${formatPercent(row.rate)}，超过100%，请核对或说明原因`, location)];
  }
  return [];
}
