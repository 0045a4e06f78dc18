import { BUDGET_COLUMNS, BUDGET_COLUMN_LABELS, computeBudgetTable, totalLabel, validateAmount } from '../budget.js';
import { add, compare, fromInteger, toDecimalString, toWan, type Decimal } from '../money.js';
import type { ReportModel } from '../reportModel.js';
import { fundsTotalRow } from '../selfEvaluation.js';
import { problem, type Problem } from './problem.js';

const wanText = (amount: Decimal) => `${toDecimalString(amount)}万元`;

/**
 * The 自评表's 年度资金总额 is the year's money of all four budgets, so it must equal the sum
 * of their tables' totals, column by column (DOMAIN.md §2: the same figure agrees between the
 * budget tables and the self-evaluation table). Compared in 万元, whatever unit each table uses;
 * a column is left alone while any side of it is still blank. 三公经费 is part of 一般公共预算,
 * not another budget.
 */
export function checkSelfEvaluationAgainstBudgets(report: ReportModel): Problem[] {
  const evaluations = report.sections.flatMap((section) => section.selfEvaluations.map((table) => ({ section, table })));
  const budgets = report.sections.flatMap((section) => section.budgetTables).filter((table) => table.kind !== 'three-public')
    .map((table) => ({ table, total: computeBudgetTable(table).total }));
  if (evaluations.length !== 1 || budgets.length === 0) return [];
  const { section, table } = evaluations[0]!;
  const total = fundsTotalRow(table);
  if (!total) return [];
  const problems: Problem[] = [];
  for (const column of BUDGET_COLUMNS) {
    const stated = validateAmount(total[column], table.unit);
    const budgetSum = sumInWan(budgets.map(({ table: budget, total: computed }) => {
      const amount = computed.amounts[column];
      return amount === undefined ? undefined : toWan(amount, budget.unit);
    }));
    if (stated.state !== 'ok' || budgetSum === undefined) continue;
    const statedWan = toWan(stated.amount, table.unit);
    if (compare(statedWan, budgetSum) === 0) continue;
    const names = budgets.map(({ table: budget }) => totalLabel(budget.kind)).join(' + ');
    problems.push(problem('self-evaluation-funds-mismatch', 'error',
      `自评表「${total.label}」${BUDGET_COLUMN_LABELS[column]}为${wanText(statedWan)}，但预算表合计为${wanText(budgetSum)}（${names}）`,
      { sectionKey: section.key, blockId: table.id, rowId: total.id, column }));
  }
  return problems;
}

/** The sum, or undefined while any part is missing. */
function sumInWan(amounts: readonly (Decimal | undefined)[]): Decimal | undefined {
  if (amounts.some((amount) => amount === undefined)) return undefined;
  return (amounts as Decimal[]).reduce(add, fromInteger(0));
}
