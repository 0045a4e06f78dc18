import type { JSONContent } from '@tiptap/core';
import {
  BUDGET_COLUMNS, BUDGET_KIND_LABELS, computeBudgetTable, type ComputedCell,
} from '../../../shared/domain/budget.js';
import { formatPercent, formatWan, type Decimal, type MoneyUnit } from '../../../shared/domain/money.js';
import { budgetTableFromNode } from '../../../shared/editor/budgetNodes.js';
import type { ExportColumn, ExportTable } from '../model.js';

/** Relative widths; 执行率 is wide enough for a bold 100.00% on one line. */
const COLUMNS: ExportColumn[] = [
  { label: '项目', align: 'left', weight: 3.2 },
  { label: '年初预算数', align: 'right', weight: 2.2 },
  { label: '全年预算数', align: 'right', weight: 2.2 },
  { label: '全年执行数', align: 'right', weight: 2.2 },
  { label: '执行率', align: 'right', weight: 2.0 },
  { label: '说明', align: 'left', weight: 2.0 },
];

/** An amount in 万元 with two decimals; a cell that does not read as money keeps what was typed. */
function amountText(cell: ComputedCell, typed: string, unit: MoneyUnit): string {
  if (cell.amount !== undefined) return formatWan(cell.amount, unit);
  return cell.check.state === 'error' ? typed : '';
}

const rateText = (rate: Decimal | undefined) => (rate === undefined ? '' : formatPercent(rate));

/** A budgetTable node → its table with the derived total row (first) and 执行率 of every row. */
export function budgetTableToExport(node: JSONContent): ExportTable {
  const table = budgetTableFromNode(node);
  const computed = computeBudgetTable(table);
  const { total } = computed;
  return {
    caption: `${BUDGET_KIND_LABELS[table.kind]}支出情况表`,
    unitNote: '单位：万元',
    columns: COLUMNS,
    rows: [
      {
        emphasis: true,
        cells: [
          total.label,
          ...BUDGET_COLUMNS.map((column) => {
            const amount = total.amounts[column];
            return amount === undefined ? '' : formatWan(amount, table.unit);
          }),
          rateText(total.rate),
          '',
        ],
      },
      ...computed.rows.map(({ row, depth, cells, rate }) => ({
        emphasis: false,
        cells: [
          // Children are indented under their parent with full-width spaces, which every format keeps.
          `${'\u3000'.repeat(depth + 1)}${row.label}`,
          ...BUDGET_COLUMNS.map((column) => amountText(cells[column], row.values[column], table.unit)),
          rateText(rate),
          row.note,
        ],
      })),
    ],
  };
}
