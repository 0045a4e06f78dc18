import { mergeAttributes, Node, type AnyExtension, type JSONContent } from '@tiptap/core';
import {
  BUDGET_COLUMNS, BUDGET_KINDS, emptyValues, type BudgetColumn, type BudgetKind, type BudgetRow, type BudgetTable,
} from '../domain/budget.js';
import { MONEY_UNITS, type MoneyUnit } from '../domain/money.js';
import type { ReportSectionModel } from '../domain/reportModel.js';
import {
  ACHIEVEMENTS, type Achievement, type FundsRow, type Indicator, type SelfEvaluationTable,
} from '../domain/selfEvaluation.js';

/**
 * Budget tables and the 自评表 as document nodes (ARCHITECTURE.md "Budget blocks").
 *
 *   budgetTable{id, kind, unit} > budgetRow{id, code, label, note} > budgetNumberCell{column, value} ×3
 *   selfEvaluationTable{id, unit} > selfEvaluationFundsRow{id, role, label} > budgetNumberCell ×4
 *                                 > selfEvaluationGoal{id} > budgetTextCell ×2
 *                                 > selfEvaluationIndicator{id, achievement} > text ×5, number ×2, text ×1
 *
 * A number cell is a leaf atom whose `value` attribute holds the decimal string as typed, so
 * concurrent typing in one cell resolves last-writer-wins instead of interleaving digits. Every
 * attribute is a primitive (y-prosemirror keeps one Yjs key per attribute). Totals, 执行率,
 * scores and the grade are derived by shared/domain and never stored. Free text (indicator
 * names, targets, explanations) lives in text cells so that it merges character by character.
 * No DOM is touched outside render/parse callbacks, so the server can build the schema.
 */

export const BUDGET_NODE_NAMES = {
  budgetTable: 'budgetTable',
  budgetRow: 'budgetRow',
  numberCell: 'budgetNumberCell',
  textCell: 'budgetTextCell',
  selfEvaluationTable: 'selfEvaluationTable',
  fundsRow: 'selfEvaluationFundsRow',
  goal: 'selfEvaluationGoal',
  indicator: 'selfEvaluationIndicator',
} as const;

const N = BUDGET_NODE_NAMES;

/** A primitive string attribute stored in the HTML as `data-<kebab-name>`. */
function dataAttribute(name: string, fallback = '') {
  const htmlName = `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return {
    default: fallback,
    parseHTML: (element: HTMLElement) => element.getAttribute(htmlName) ?? fallback,
    renderHTML: (attributes: Record<string, unknown>) => ({ [htmlName]: String(attributes[name] ?? fallback) }),
  };
}

function tableNode(name: string, htmlType: string, content: string, attributes: string[], defaults: Record<string, string> = {}) {
  return Node.create({
    name,
    group: 'block',
    content,
    isolating: true,
    defining: true,
    addAttributes: () => Object.fromEntries(attributes.map((a) => [a, dataAttribute(a, defaults[a])])),
    parseHTML: () => [{ tag: `table[data-type="${htmlType}"]`, contentElement: 'tbody' }],
    renderHTML: ({ HTMLAttributes }) => ['table', mergeAttributes({ 'data-type': htmlType }, HTMLAttributes), ['tbody', 0]],
  });
}

function rowNode(name: string, htmlType: string, content: string, attributes: string[], defaults: Record<string, string> = {}) {
  return Node.create({
    name,
    content,
    isolating: true,
    addAttributes: () => Object.fromEntries(attributes.map((a) => [a, dataAttribute(a, defaults[a])])),
    parseHTML: () => [{ tag: `tr[data-type="${htmlType}"]` }],
    renderHTML: ({ HTMLAttributes }) => ['tr', mergeAttributes({ 'data-type': htmlType }, HTMLAttributes), 0],
  });
}

const BudgetNumberCell = Node.create({
  name: N.numberCell,
  atom: true,
  addAttributes: () => ({
    column: dataAttribute('column'),
    value: {
      default: '',
      parseHTML: (element: HTMLElement) => element.getAttribute('data-value') ?? element.textContent ?? '',
      renderHTML: (attributes: Record<string, unknown>) => ({ 'data-value': String(attributes.value ?? '') }),
    },
  }),
  parseHTML: () => [{ tag: 'td[data-type="budget-number-cell"]' }],
  renderHTML: ({ node, HTMLAttributes }) =>
    ['td', mergeAttributes({ 'data-type': 'budget-number-cell' }, HTMLAttributes), String(node.attrs.value ?? '')],
  renderText: ({ node }) => String(node.attrs.value ?? ''),
});

const BudgetTextCell = Node.create({
  name: N.textCell,
  content: 'text*',
  marks: '',
  isolating: true,
  addAttributes: () => ({ column: dataAttribute('column') }),
  parseHTML: () => [{ tag: 'td[data-type="budget-text-cell"]' }],
  renderHTML: ({ HTMLAttributes }) => ['td', mergeAttributes({ 'data-type': 'budget-text-cell' }, HTMLAttributes), 0],
});

/** The nodes to append to documentExtensions(). */
export function budgetExtensions(): AnyExtension[] {
  return [
    tableNode(N.budgetTable, 'budget-table', `${N.budgetRow}+`, ['id', 'kind', 'unit'], { kind: 'general', unit: '万元' }),
    rowNode(N.budgetRow, 'budget-row', `${N.numberCell}{3}`, ['id', 'code', 'label', 'note']),
    tableNode(N.selfEvaluationTable, 'self-evaluation-table',
      `${N.fundsRow}+ ${N.goal} ${N.indicator}*`, ['id', 'unit'], { unit: '万元' }),
    rowNode(N.fundsRow, 'self-evaluation-funds-row', `${N.numberCell}{4}`, ['id', 'role', 'label'], { role: 'part' }),
    rowNode(N.goal, 'self-evaluation-goal', `${N.textCell}{2}`, ['id']),
    rowNode(N.indicator, 'self-evaluation-indicator', `${N.textCell}{5} ${N.numberCell}{2} ${N.textCell}`, ['id', 'achievement']),
    BudgetNumberCell,
    BudgetTextCell,
  ];
}

// ---------------------------------------------------------------------------------------------
// JSON ⇄ domain models

function numberCell(column: string, value: string): JSONContent {
  return { type: N.numberCell, attrs: { column, value } };
}

function textCell(column: string, text: string): JSONContent {
  return text === '' ? { type: N.textCell, attrs: { column } } : { type: N.textCell, attrs: { column }, content: [{ type: 'text', text }] };
}

function attr(node: JSONContent, name: string): string {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(textOf).join('');
}

/** Cell values of a row by column name (cells carry their column; position is the fallback). */
function cellsOf(row: JSONContent, columns: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  (row.content ?? []).forEach((cell, index) => {
    const column = attr(cell, 'column') || columns[index];
    if (column === undefined) return;
    values[column] = cell.type === N.numberCell ? attr(cell, 'value') : textOf(cell);
  });
  return values;
}

export function budgetTableToNode(table: BudgetTable): JSONContent {
  return {
    type: N.budgetTable,
    attrs: { id: table.id, kind: table.kind, unit: table.unit },
    content: table.rows.map((row) => ({
      type: N.budgetRow,
      attrs: { id: row.id, code: row.code, label: row.label, note: row.note },
      content: BUDGET_COLUMNS.map((column) => numberCell(column, row.values[column])),
    })),
  };
}

export function budgetTableFromNode(node: JSONContent): BudgetTable {
  return {
    id: attr(node, 'id'),
    kind: oneOf<BudgetKind>(attr(node, 'kind'), BUDGET_KINDS, 'general'),
    unit: oneOf<MoneyUnit>(attr(node, 'unit'), MONEY_UNITS, '万元'),
    rows: (node.content ?? []).filter((row) => row.type === N.budgetRow).map((row): BudgetRow => {
      const cells = cellsOf(row, BUDGET_COLUMNS);
      const values = emptyValues();
      for (const column of BUDGET_COLUMNS) values[column as BudgetColumn] = cells[column] ?? '';
      return { id: attr(row, 'id'), code: attr(row, 'code'), label: attr(row, 'label'), note: attr(row, 'note'), values };
    }),
  };
}

const FUNDS_CELL_COLUMNS = ['initialBudget', 'fullYearBudget', 'fullYearActual', 'weight'] as const;
const GOAL_COLUMNS = ['expected', 'actual'] as const;
const INDICATOR_TEXT_COLUMNS = ['level1', 'level2', 'level3', 'target', 'actual'] as const;
const INDICATOR_COLUMNS = [...INDICATOR_TEXT_COLUMNS, 'weight', 'reviewerScore', 'deviationReason'] as const;

export function selfEvaluationToNode(table: SelfEvaluationTable): JSONContent {
  return {
    type: N.selfEvaluationTable,
    attrs: { id: table.id, unit: table.unit },
    content: [
      ...table.funds.map((row) => ({
        type: N.fundsRow,
        attrs: { id: row.id, role: row.role, label: row.label },
        content: [
          numberCell('initialBudget', row.initialBudget),
          numberCell('fullYearBudget', row.fullYearBudget),
          numberCell('fullYearActual', row.fullYearActual),
          // 分值 belongs to 年度资金总额 only; 其中 rows keep the cell blank.
          numberCell('weight', row.role === 'total' ? table.fundsWeight : ''),
        ],
      })),
      { type: N.goal, attrs: { id: `${table.id}-goal` }, content: [textCell('expected', table.goal.expected), textCell('actual', table.goal.actual)] },
      ...table.indicators.map((indicator) => ({
        type: N.indicator,
        attrs: { id: indicator.id, achievement: indicator.achievement },
        content: [
          ...INDICATOR_TEXT_COLUMNS.map((column) => textCell(column, indicator[column])),
          numberCell('weight', indicator.weight),
          numberCell('reviewerScore', indicator.reviewerScore),
          textCell('deviationReason', indicator.deviationReason),
        ],
      })),
    ],
  };
}

export function selfEvaluationFromNode(node: JSONContent): SelfEvaluationTable {
  const rows = node.content ?? [];
  const funds = rows.filter((r) => r.type === N.fundsRow);
  const goal = rows.find((r) => r.type === N.goal);
  const goalCells = goal ? cellsOf(goal, GOAL_COLUMNS) : {};
  const total = funds.find((r) => attr(r, 'role') === 'total');
  return {
    id: attr(node, 'id'),
    unit: oneOf<MoneyUnit>(attr(node, 'unit'), MONEY_UNITS, '万元'),
    fundsWeight: total ? cellsOf(total, FUNDS_CELL_COLUMNS).weight ?? '' : '',
    funds: funds.map((row): FundsRow => {
      const cells = cellsOf(row, FUNDS_CELL_COLUMNS);
      return {
        id: attr(row, 'id'),
        role: attr(row, 'role') === 'total' ? 'total' : 'part',
        label: attr(row, 'label'),
        initialBudget: cells.initialBudget ?? '',
        fullYearBudget: cells.fullYearBudget ?? '',
        fullYearActual: cells.fullYearActual ?? '',
      };
    }),
    goal: { expected: goalCells.expected ?? '', actual: goalCells.actual ?? '' },
    indicators: rows.filter((r) => r.type === N.indicator).map((row): Indicator => {
      const cells = cellsOf(row, INDICATOR_COLUMNS);
      return {
        id: attr(row, 'id'),
        level1: cells.level1 ?? '',
        level2: cells.level2 ?? '',
        level3: cells.level3 ?? '',
        target: cells.target ?? '',
        actual: cells.actual ?? '',
        weight: cells.weight ?? '',
        achievement: oneOf<Achievement | ''>(attr(row, 'achievement'), ACHIEVEMENTS, ''),
        reviewerScore: cells.reviewerScore ?? '',
        deviationReason: cells.deviationReason ?? '',
      };
    }),
  };
}

const TABLE_TYPES: ReadonlySet<string> = new Set([N.budgetTable, N.selfEvaluationTable]);

/** The prose of a section document: one line per paragraph, heading or list item; tables left out. */
export function plainTextFromDoc(doc: JSONContent): string {
  const lines: string[] = [];
  const walk = (node: JSONContent) => {
    if (node.type && TABLE_TYPES.has(node.type)) return;
    if (node.type === 'paragraph' || node.type === 'heading') {
      lines.push(textOf(node));
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return lines.join('\n');
}

/** What the checks need from one section document (see shared/domain/checks.ts). */
export function sectionModelFromDoc(section: { key: string; title: string }, doc: JSONContent): ReportSectionModel {
  const budgetTables: BudgetTable[] = [];
  const selfEvaluations: SelfEvaluationTable[] = [];
  const walk = (node: JSONContent) => {
    if (node.type === N.budgetTable) budgetTables.push(budgetTableFromNode(node));
    else if (node.type === N.selfEvaluationTable) selfEvaluations.push(selfEvaluationFromNode(node));
    else for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return { key: section.key, title: section.title, text: plainTextFromDoc(doc), budgetTables, selfEvaluations };
}
