import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useState } from 'react';
import {
  BUDGET_COLUMN_LABELS, BUDGET_COLUMNS, BUDGET_KIND_LABELS, computeBudgetTable, emptyValues, type ComputedBudgetRow,
} from '../../../../shared/domain/budget.js';
import { formatPercent, MONEY_UNITS, round, toDecimalString, type Decimal } from '../../../../shared/domain/money.js';
import { budgetTableFromNode, budgetTableToNode } from '../../../../shared/editor/budgetNodes.js';
import { problemsAt, useBlockProblems } from '../checks/problems-context.js';
import { NumberCell, problemMarker } from './cell-inputs.js';
import { TableEdits } from './table-edits.js';
import { useReadOnly } from './use-read-only.js';

function shown(amount: Decimal | undefined): string {
  return amount === undefined ? '' : toDecimalString(round(amount, 2));
}

function newRow(code: string, label: string) {
  const id = crypto.randomUUID();
  return budgetTableToNode({ id: '', kind: 'general', unit: '万元', rows: [{ id, code, label, note: '', values: emptyValues() }] }).content![0]!;
}

/** Where a new child of `row` goes: after the row and everything nested under it. */
function afterDescendants(rows: readonly ComputedBudgetRow[], index: number): number {
  const depth = rows[index]!.depth;
  let end = index + 1;
  while (end < rows.length && rows[end]!.depth > depth) end++;
  return end;
}

/**
 * A budget table as a finance officer reads it: 项目 | 年初预算数 | 全年预算数 | 全年执行数 |
 * 执行率, subtotals of rows left blank, the total row and every 执行率 derived, never stored.
 */
export function BudgetTableView({ node, editor, getPos }: ReactNodeViewProps) {
  const table = budgetTableFromNode(node.toJSON());
  const computed = computeBudgetTable(table);
  const problems = useBlockProblems(table.id);
  const readOnly = useReadOnly(editor);
  const edits = new TableEdits(editor, node, getPos);
  const [notesOpen, setNotesOpen] = useState<ReadonlySet<string>>(new Set());
  const toggleNote = (id: string) => setNotesOpen((open) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  const kindLabel = BUDGET_KIND_LABELS[table.kind];

  return (
    <NodeViewWrapper className="budget-block" data-block-id={table.id} contentEditable={false}>
      <div className="budget-caption">
        <span className="budget-title">{kindLabel}支出情况表</span>
        <span className="budget-unit">
          单位：
          {readOnly ? table.unit : (
            <select value={table.unit} aria-label="金额单位" onChange={(e) => edits.updateTable({ unit: e.target.value })}>
              {MONEY_UNITS.map((unit) => <option key={unit} value={unit}>{unit}</option>)}
            </select>
          )}
        </span>
      </div>
      <table className="finance-table budget-table">
        <colgroup>
          <col className="col-label" />
          {BUDGET_COLUMNS.map((column) => <col key={column} className="col-amount" />)}
          <col className="col-rate" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">项目</th>
            {BUDGET_COLUMNS.map((column) => <th key={column} scope="col">{BUDGET_COLUMN_LABELS[column]}</th>)}
            <th scope="col">执行率</th>
          </tr>
        </thead>
        <tbody>
          {/* The total first and the lines under it indented, as the exported table (and a finance office's) shows it. */}
          <tr className="total-row">
            <th scope="row">{computed.total.label}</th>
            {BUDGET_COLUMNS.map((column) => <td key={column} className="num-cell">{shown(computed.total.amounts[column])}</td>)}
            <td className="rate-cell">{computed.total.rate === undefined ? '—' : formatPercent(computed.total.rate)}</td>
          </tr>
          {computed.rows.map((row, index) => {
            const rowProblems = problemsAt(problems, row.row.id);
            const rateMarker = problemMarker(problemsAt(rowProblems, row.row.id, null));
            const noteShown = row.row.note !== '' || notesOpen.has(row.row.id);
            return [
              <tr key={row.row.id} data-row-id={row.row.id} className={`depth-${Math.min(row.depth, 3)}`}>
                <th scope="row" className="label-cell">
                  <input className="cell-input label" value={row.row.label} readOnly={readOnly} aria-label="项目名称"
                    onChange={(e) => edits.setRowAttribute(index, 'label', e.target.value)} />
                  {!readOnly && (
                    <span className="row-tools">
                      <button type="button" title="填写说明（如执行率偏低的原因）" onClick={() => toggleNote(row.row.id)}>说明</button>
                      <button type="button" title="在此项下添加明细" onClick={() => edits.insertRow(afterDescendants(computed.rows, index), newRow(`${row.row.code}.${crypto.randomUUID().slice(0, 8)}`, '明细'))}>＋明细</button>
                      <button type="button" title="删除此行" disabled={computed.rows.length === 1} onClick={() => edits.removeRow(index)}>删除</button>
                    </span>
                  )}
                </th>
                {BUDGET_COLUMNS.map((column, cellIndex) => {
                  const cell = row.cells[column];
                  return (
                    <NumberCell key={column} value={row.row.values[column]} readOnly={readOnly}
                      label={`${row.row.label}${BUDGET_COLUMN_LABELS[column]}`}
                      invalid={cell.check.state === 'error' ? cell.check.message : null}
                      placeholder={cell.derived ? shown(cell.amount) : undefined}
                      problems={problemsAt(rowProblems, row.row.id, column).filter((p) => p.code !== 'amount-invalid')}
                      onChange={(value) => edits.setCellValue(index, cellIndex, value)} />
                  );
                })}
                <td className={`rate-cell${rateMarker.className}`} title={rateMarker.title} data-column="rate">
                  {row.rate === undefined ? '—' : formatPercent(row.rate)}
                </td>
              </tr>,
              noteShown && (
                <tr key={`${row.row.id}-note`} className="note-row">
                  <td colSpan={5}>
                    <input className="cell-input note" value={row.row.note} readOnly={readOnly} aria-label={`${row.row.label}说明`}
                      placeholder="说明（如执行率低于90%或超过100%的原因）" onChange={(e) => edits.setRowAttribute(index, 'note', e.target.value)} />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
      {!readOnly && (
        <div className="block-tools">
          <button type="button" onClick={() => edits.insertRow(node.childCount, newRow(`item-${crypto.randomUUID().slice(0, 8)}`, '新项目'))}>＋ 添加行</button>
          <button type="button" className="danger" onClick={() => edits.removeTable()}>删除表格</button>
        </div>
      )}
    </NodeViewWrapper>
  );
}
