import {
  BUDGET_COLUMN_LABELS, BUDGET_KIND_LABELS, computeBudgetTable, hasNonZeroAmount,
  type BudgetColumn, type BudgetKind, type BudgetTable,
} from '../budget.js';
import { compare, round, toWan, toYuan, type Decimal, type MoneyUnit } from '../money.js';
import { findStatedFigures, statesNoProjectSpending, type StatedFigure } from '../narrative.js';
import type { ReportModel } from '../reportModel.js';
import { amountText } from './budgetRules.js';
import { problem, type Problem } from './problem.js';

/** A line of some budget table that prose may talk about, by its label. */
interface FigureSource {
  label: string;
  kind: BudgetKind;
  unit: MoneyUnit;
  sectionKey: string;
  tableId: string;
  rowId: string | undefined;
  amounts: Record<BudgetColumn, Decimal | undefined>;
}

function figureSources(report: ReportModel): FigureSource[] {
  const sources: FigureSource[] = [];
  for (const section of report.sections) {
    for (const table of section.budgetTables) {
      const computed = computeBudgetTable(table);
      const base = { kind: table.kind, unit: table.unit, sectionKey: section.key, tableId: table.id };
      for (const row of computed.rows) {
        sources.push({
          ...base, label: row.row.label, rowId: row.row.id,
          amounts: { initialBudget: row.cells.initialBudget.amount, fullYearBudget: row.cells.fullYearBudget.amount, fullYearActual: row.cells.fullYearActual.amount },
        });
      }
      sources.push({ ...base, label: computed.total.label, rowId: undefined, amounts: computed.total.amounts });
    }
  }
  return sources;
}

/** The table line a figure talks about: the one whose budget the sentence names, else 一般公共预算. */
function sourceFor(figure: StatedFigure, sources: readonly FigureSource[]): FigureSource | undefined {
  const candidates = sources.filter((s) => s.label === figure.label);
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((s) => figure.sentence.includes(BUDGET_KIND_LABELS[s.kind]))
    ?? candidates.find((s) => s.kind === 'general');
}

/** The table amount expressed like the prose wrote it: same unit, same number of decimals. */
function asWritten(amount: Decimal, from: MoneyUnit, to: MoneyUnit, decimals: number): Decimal {
  const converted = to === '万元' ? toWan(amount, from) : toYuan(amount, from);
  return round(converted, decimals);
}

const COLUMNS_OF: Record<StatedFigure['measure'], BudgetColumn[]> = {
  budget: ['fullYearBudget', 'initialBudget'],
  actual: ['fullYearActual'],
};

/**
 * Figures written in the prose agree with the budget tables, compared at the precision the
 * author wrote (「769.78万元」 matches 769.78 and 7697800 元). A budget figure may be either
 * 全年预算数 or 年初预算数.
 */
export function checkNarrativeFigures(report: ReportModel): Problem[] {
  const sources = figureSources(report);
  if (sources.length === 0) return [];
  const labels = sources.map((s) => s.label);
  const problems: Problem[] = [];
  for (const section of report.sections) {
    for (const figure of findStatedFigures(section.text, labels)) {
      const source = sourceFor(figure, sources);
      if (!source) continue;
      const columns = COLUMNS_OF[figure.measure].filter((c) => source.amounts[c] !== undefined);
      if (columns.length === 0) continue;
      const stated = figure.amount;
      const agrees = columns.some((c) =>
        compare(asWritten(source.amounts[c]!, source.unit, stated.unit, stated.value.scale), stated.value) === 0);
      if (agrees) continue;
      const column = columns[0]!;
      const tableAmount = asWritten(source.amounts[column]!, source.unit, stated.unit, Math.max(stated.value.scale, 2));
      problems.push(problem('narrative-figure-mismatch', 'error',
        `正文写「${figure.label}」${figure.measure === 'budget' ? '预算' : '实际支出'}为${stated.text}，`
        + `但${BUDGET_KIND_LABELS[source.kind]}表中${BUDGET_COLUMN_LABELS[column]}为${amountText(tableAmount, stated.unit)}`,
        { sectionKey: section.key }, `${figure.index}`));
    }
  }
  return problems;
}

/** 「无项目支出」 in the prose means the 项目支出 row is zero. */
export function checkNoProjectSpending(report: ReportModel): Problem[] {
  const problems: Problem[] = [];
  const generalTables = report.sections.flatMap((s) => s.budgetTables).filter((t) => t.kind === 'general');
  for (const section of report.sections) {
    const phrase = statesNoProjectSpending(section.text);
    if (!phrase) continue;
    const own = section.budgetTables.filter((t) => t.kind !== 'three-public');
    const tables: BudgetTable[] = own.length > 0 ? own : generalTables;
    for (const table of tables) {
      const row = computeBudgetTable(table).rows.find((r) => r.row.code === 'project');
      if (!row || !hasNonZeroAmount(row)) continue;
      problems.push(problem('no-project-spending-contradiction', 'error',
        `正文写「${phrase}」，但${BUDGET_KIND_LABELS[table.kind]}表「项目支出」有金额`,
        { sectionKey: section.key }, `${table.id}|${row.row.id}`));
    }
  }
  return problems;
}
