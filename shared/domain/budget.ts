import {
  add, fromInteger, isZero, parseAmount, percentage, type Decimal, type MoneyUnit,
} from './money.js';

/**
 * The budget tables of a report (ARCHITECTURE.md "Budget blocks"). Rows hold what people typed
 * (decimal strings, possibly blank); subtotals, the table total and 执行率 are derived here and
 * never stored. A row's place in the hierarchy comes from its code: `basic.personnel` is a
 * child of `basic`.
 */

export const BUDGET_KINDS = ['general', 'government-fund', 'state-capital', 'social-insurance', 'three-public'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

export const BUDGET_KIND_LABELS: Record<BudgetKind, string> = {
  general: '一般公共预算',
  'government-fund': '政府性基金预算',
  'state-capital': '国有资本经营预算',
  'social-insurance': '社会保险基金预算',
  'three-public': '三公经费',
};

export const BUDGET_COLUMNS = ['initialBudget', 'fullYearBudget', 'fullYearActual'] as const;
export type BudgetColumn = (typeof BUDGET_COLUMNS)[number];

export const BUDGET_COLUMN_LABELS: Record<BudgetColumn, string> = {
  initialBudget: '年初预算数',
  fullYearBudget: '全年预算数',
  fullYearActual: '全年执行数',
};

export interface BudgetRow {
  id: string;
  /** Stable meaning of the row (`basic`, `basic.personnel`, `project`, …); dots give nesting. */
  code: string;
  label: string;
  /** Typed amounts as decimal strings in the table's unit; '' when not filled in. */
  values: Record<BudgetColumn, string>;
  /** The author's explanation of this row (e.g. why 执行率 is below 90%). */
  note: string;
}

export interface BudgetTable {
  id: string;
  kind: BudgetKind;
  unit: MoneyUnit;
  rows: BudgetRow[];
}

export interface StandardRow {
  code: string;
  label: string;
}

const SPENDING_ROWS: StandardRow[] = [
  { code: 'basic', label: '基本支出' },
  { code: 'project', label: '项目支出' },
];

/** Rows a new table of each kind starts with (DOMAIN.md §2). */
export const STANDARD_ROWS: Record<BudgetKind, readonly StandardRow[]> = {
  general: [
    { code: 'basic', label: '基本支出' },
    { code: 'basic.personnel', label: '人员经费' },
    { code: 'basic.public', label: '公用经费' },
    { code: 'project', label: '项目支出' },
  ],
  'government-fund': SPENDING_ROWS,
  'state-capital': SPENDING_ROWS,
  'social-insurance': SPENDING_ROWS,
  'three-public': [
    { code: 'overseas', label: '因公出国（境）费' },
    { code: 'vehicles', label: '公务用车购置及运行维护费' },
    { code: 'reception', label: '公务接待费' },
  ],
};

/** The label of the derived total row: 一般公共预算支出 = 基本支出 + 项目支出, etc. */
export function totalLabel(kind: BudgetKind): string {
  return kind === 'three-public' ? '三公经费合计' : `${BUDGET_KIND_LABELS[kind]}支出`;
}

export function emptyValues(): Record<BudgetColumn, string> {
  return { initialBudget: '', fullYearBudget: '', fullYearActual: '' };
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

export function createBudgetTable(kind: BudgetKind, options: { unit?: MoneyUnit; newId?: () => string } = {}): BudgetTable {
  const newId = options.newId ?? randomId;
  return {
    id: newId(),
    kind,
    unit: options.unit ?? '万元',
    rows: STANDARD_ROWS[kind].map((row) => ({ id: newId(), ...row, values: emptyValues(), note: '' })),
  };
}

export type AmountCheck =
  | { state: 'empty' }
  | { state: 'ok'; amount: Decimal; notes: string[] }
  | { state: 'error'; message: string };

/** Validates one typed cell without changing it: blank is allowed, junk gets a Chinese message. */
export function validateAmount(value: string, unit: MoneyUnit): AmountCheck {
  if (value.trim() === '') return { state: 'empty' };
  const parsed = parseAmount(value, unit);
  return parsed.ok ? { state: 'ok', amount: parsed.value, notes: parsed.notes } : { state: 'error', message: parsed.message };
}

export function parentCode(code: string): string | undefined {
  const dot = code.lastIndexOf('.');
  return dot < 0 ? undefined : code.slice(0, dot);
}

export interface ComputedCell {
  /** What the row amounts to: the typed value, or the sum of its children when left blank. */
  amount: Decimal | undefined;
  /** True when `amount` was summed from the children rather than typed. */
  derived: boolean;
  check: AmountCheck;
  /** Sum of the children's amounts when the row has children with amounts, else undefined. */
  childrenSum: Decimal | undefined;
}

export interface ComputedBudgetRow {
  row: BudgetRow;
  depth: number;
  childIds: string[];
  cells: Record<BudgetColumn, ComputedCell>;
  /** 执行率 = 全年执行数 ÷ 全年预算数, percent with two decimals; undefined when not computable. */
  rate: Decimal | undefined;
}

export interface ComputedBudgetTotal {
  label: string;
  amounts: Record<BudgetColumn, Decimal | undefined>;
  rate: Decimal | undefined;
}

export interface ComputedBudgetTable {
  table: BudgetTable;
  rows: ComputedBudgetRow[];
  total: ComputedBudgetTotal;
}

function sumDefined(values: readonly (Decimal | undefined)[]): Decimal | undefined {
  const present = values.filter((v): v is Decimal => v !== undefined);
  return present.length === 0 ? undefined : present.reduce(add, fromInteger(0));
}

function rateOf(actual: Decimal | undefined, budget: Decimal | undefined): Decimal | undefined {
  return actual === undefined || budget === undefined ? undefined : percentage(actual, budget);
}

/** Derives subtotals, the total row and 执行率 for every row. Rows keep their order. */
export function computeBudgetTable(table: BudgetTable): ComputedBudgetTable {
  const byCode = new Map(table.rows.map((row) => [row.code, row]));
  const childrenOf = new Map<string, BudgetRow[]>();
  for (const row of table.rows) {
    const parent = parentCode(row.code);
    if (parent !== undefined && byCode.has(parent)) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row]);
  }
  const memo = new Map<string, Record<BudgetColumn, ComputedCell>>();
  const cellsOf = (row: BudgetRow): Record<BudgetColumn, ComputedCell> => {
    const known = memo.get(row.id);
    if (known) return known;
    const children = childrenOf.get(row.code) ?? [];
    const cells = {} as Record<BudgetColumn, ComputedCell>;
    for (const column of BUDGET_COLUMNS) {
      const check = validateAmount(row.values[column], table.unit);
      const childrenSum = sumDefined(children.map((child) => cellsOf(child)[column].amount));
      const typed = check.state === 'ok' ? check.amount : undefined;
      cells[column] = {
        amount: typed ?? (check.state === 'empty' ? childrenSum : undefined),
        derived: typed === undefined && check.state === 'empty' && childrenSum !== undefined,
        check,
        childrenSum,
      };
    }
    memo.set(row.id, cells);
    return cells;
  };
  const depthOf = (row: BudgetRow): number => {
    let depth = 0;
    for (let code = parentCode(row.code); code !== undefined && byCode.has(code); code = parentCode(code)) depth += 1;
    return depth;
  };
  const rows = table.rows.map((row) => {
    const cells = cellsOf(row);
    return {
      row,
      depth: depthOf(row),
      childIds: (childrenOf.get(row.code) ?? []).map((child) => child.id),
      cells,
      rate: rateOf(cells.fullYearActual.amount, cells.fullYearBudget.amount),
    };
  });
  const topLevel = rows.filter((r) => r.depth === 0);
  const amounts = {} as Record<BudgetColumn, Decimal | undefined>;
  for (const column of BUDGET_COLUMNS) amounts[column] = sumDefined(topLevel.map((r) => r.cells[column].amount));
  return {
    table,
    rows,
    total: { label: totalLabel(table.kind), amounts, rate: rateOf(amounts.fullYearActual, amounts.fullYearBudget) },
  };
}

/** True when any column of the row amounts to something other than zero. */
export function hasNonZeroAmount(row: ComputedBudgetRow): boolean {
  return BUDGET_COLUMNS.some((column) => {
    const amount = row.cells[column].amount;
    return amount !== undefined && !isZero(amount);
  });
}
