import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { validateAmount } from '../../../../shared/domain/budget.js';
import { formatPercent, parseDecimal, toDecimalString, type Decimal } from '../../../../shared/domain/money.js';
import {
  ACHIEVEMENT_LABELS, ACHIEVEMENTS, FUNDS_COLUMNS, goalRowId, parseTarget, scoreSelfEvaluation, type FundsColumn,
} from '../../../../shared/domain/selfEvaluation.js';
import { selfEvaluationFromNode, selfEvaluationToNode } from '../../../../shared/editor/budgetNodes.js';
import { problemsAt, useBlockProblems } from '../checks/problems-context.js';
import { NumberCell, problemMarker, TextCell } from './cell-inputs.js';
import { TableEdits } from './table-edits.js';
import { useReadOnly } from './use-read-only.js';

const FUNDS_LABELS: Record<FundsColumn, string> = { initialBudget: '年初预算数', fullYearBudget: '全年预算数', fullYearActual: '全年执行数' };
const INDICATOR_TEXT = [['level1', '一级指标'], ['level2', '二级指标'], ['level3', '三级指标'], ['target', '年度指标值'], ['actual', '实际完成值']] as const;

function points(value: Decimal | undefined): string {
  return value === undefined ? '—' : toDecimalString(value);
}

function scoreError(text: string, subject: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseDecimal(text, { maxDecimals: 2, subject });
  return parsed.ok ? null : parsed.message;
}

function newIndicator() {
  const json = selfEvaluationToNode({
    id: '', unit: '万元', fundsWeight: '', funds: [], goal: { expected: '', actual: '' },
    indicators: [{ id: crypto.randomUUID(), level1: '', level2: '', level3: '', target: '', actual: '', weight: '', achievement: '', reviewerScore: '', deviationReason: '' }],
  });
  return json.content!.at(-1)!;
}

/**
 * 部门整体支出绩效自评表 as it is printed: the funds block with 执行率 and its score, the
 * overall goal, the indicators with their computed 得分, and the total and grade (优/良/中/差),
 * all derived from what was typed.
 */
export function SelfEvaluationView({ node, editor, getPos }: ReactNodeViewProps) {
  const table = selfEvaluationFromNode(node.toJSON());
  const score = scoreSelfEvaluation(table);
  const problems = useBlockProblems(table.id);
  const readOnly = useReadOnly(editor);
  const edits = new TableEdits(editor, node, getPos);
  const childIndex = (id: string) => {
    let found = -1;
    node.forEach((child, _offset, index) => { if (child.attrs.id === id) found = index; });
    return found;
  };
  const goalIndex = table.funds.length;
  const weightMarker = problemMarker(problems.filter((p) => p.code === 'weights-not-100'));

  return (
    <NodeViewWrapper className="budget-block" data-block-id={table.id} contentEditable={false}>
      <div className="budget-caption">
        <span className="budget-title">部门整体支出绩效自评表</span>
        <span className="budget-unit">金额单位：{table.unit}</span>
      </div>
      <table className="finance-table evaluation-table">
        <colgroup>
          <col className="col-l1" /><col className="col-l2" /><col className="col-l3" /><col className="col-target" />
          <col className="col-actual" /><col className="col-weight" /><col className="col-score" /><col className="col-reason" />
        </colgroup>
        <thead>
          <tr>
            <th colSpan={2} scope="col">年度资金</th>
            {FUNDS_COLUMNS.map((column) => <th key={column} scope="col" className={column === 'fullYearActual' ? 'wrap' : undefined}>{FUNDS_LABELS[column]}</th>)}
            <th scope="col">分值</th><th colSpan={2} scope="col">执行率 / 得分</th>
          </tr>
        </thead>
        <tbody>
          {table.funds.map((row, index) => {
            const total = row.role === 'total';
            return (
              <tr key={row.id} data-row-id={row.id} className={total ? 'funds-total' : 'funds-part'}>
                <th colSpan={2} scope="row" className="label-cell">{total ? row.label : `其中：${row.label}`}</th>
                {FUNDS_COLUMNS.map((column, cellIndex) => {
                  const check = validateAmount(row[column], table.unit);
                  return (
                    <NumberCell key={column} value={row[column]} readOnly={readOnly} label={`${row.label}${FUNDS_LABELS[column]}`}
                      invalid={check.state === 'error' ? check.message : null}
                      problems={problemsAt(problems, row.id, column).filter((p) => p.code !== 'amount-invalid')}
                      onChange={(value) => edits.setCellValue(index, cellIndex, value)} />
                  );
                })}
                {total ? (
                  <NumberCell value={table.fundsWeight} readOnly={readOnly} label="预算执行率分值" invalid={scoreError(table.fundsWeight, '分值')}
                    onChange={(value) => edits.setCellValue(index, 3, value)} />
                ) : <td className="num-cell muted-cell" />}
                <td colSpan={2} className="rate-cell score-pair">
                  {total && <>{score.funds.rate === undefined ? '—' : formatPercent(score.funds.rate)}<span className="score-sep">/</span><strong>{points(score.funds.score)}</strong></>}
                </td>
              </tr>
            );
          })}
          <tr className="band-row"><th colSpan={8} scope="rowgroup">年度总体目标</th></tr>
          <tr className="goal-head"><th colSpan={4} scope="col">预期目标</th><th colSpan={4} scope="col">实际完成情况</th></tr>
          <tr data-row-id={goalRowId(table)}>
            <TextCell colSpan={4} value={table.goal.expected} readOnly={readOnly} label="预期目标" placeholder="年初确定的总体绩效目标"
              problems={problemsAt(problems, goalRowId(table), 'expected')} onChange={(text) => edits.setCellText(goalIndex, 0, text)} />
            <TextCell colSpan={4} value={table.goal.actual} readOnly={readOnly} label="实际完成情况" placeholder="全年实际完成情况"
              problems={problemsAt(problems, goalRowId(table), 'actual')} onChange={(text) => edits.setCellText(goalIndex, 1, text)} />
          </tr>
          <tr className="band-row">
            <th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">年度指标值</th>
            <th scope="col">实际完成值</th><th scope="col" className={weightMarker.className.trim()} title={weightMarker.title}>分值</th>
            <th scope="col">得分</th><th scope="col">偏差原因分析及改进措施</th>
          </tr>
          {table.indicators.map((indicator, n) => {
            const index = childIndex(indicator.id);
            const scored = score.indicators[n]!;
            const qualitative = parseTarget(indicator.target)?.kind === 'qualitative';
            const at = (column: string) => problemsAt(problems, indicator.id, column);
            const scoreMarker = problemMarker(at('reviewerScore'));
            return (
              <tr key={indicator.id} data-row-id={indicator.id}>
                {INDICATOR_TEXT.map(([column, label], cellIndex) => (
                  <TextCell key={column} value={indicator[column]} readOnly={readOnly} label={label} problems={at(column)}
                    placeholder={column === 'target' ? '如 ≥95%' : undefined} onChange={(text) => edits.setCellText(index, cellIndex, text)} />
                ))}
                <NumberCell value={indicator.weight} readOnly={readOnly} label={`${indicator.level3 || indicator.level2}分值`}
                  invalid={scoreError(indicator.weight, '分值')} problems={at('weight')} onChange={(value) => edits.setCellValue(index, 5, value)} />
                <td className={`score-cell${scoreMarker.className}`} title={scoreMarker.title}>
                  {qualitative ? (
                    <span className="qualitative">
                      <select value={indicator.achievement} disabled={readOnly} aria-label="达成情况"
                        onChange={(e) => edits.setRowAttribute(index, 'achievement', e.target.value)}>
                        <option value="">评定…</option>
                        {ACHIEVEMENTS.map((a) => <option key={a} value={a}>{ACHIEVEMENT_LABELS[a]}</option>)}
                      </select>
                      <input className="cell-input num" value={indicator.reviewerScore} readOnly={readOnly} aria-label="得分"
                        placeholder="得分" onChange={(e) => edits.setCellValue(index, 6, e.target.value)} />
                    </span>
                  ) : <strong>{points(scored.score)}</strong>}
                </td>
                <TextCell value={indicator.deviationReason} readOnly={readOnly} label="偏差原因分析及改进措施"
                  onChange={(text) => edits.setCellText(index, 7, text)}
                  tools={<button type="button" title="删除此指标" onClick={() => edits.removeRow(index)}>删除</button>} />
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th colSpan={5} scope="row">合计</th>
            <td className={`num-cell${weightMarker.className}`} title={weightMarker.title}>{toDecimalString(score.weightSum)}</td>
            <td className="num-cell"><strong>{toDecimalString(score.total)}</strong></td>
            <td className="grade-cell">
              自评等级：{score.grade ? <strong className={`grade grade-${score.grade}`}>{score.grade}</strong> : <span className="muted">评分未完成</span>}
            </td>
          </tr>
        </tfoot>
      </table>
      {!readOnly && (
        <div className="block-tools">
          <button type="button" onClick={() => edits.insertRow(node.childCount, newIndicator())}>＋ 添加指标</button>
          <button type="button" className="danger" onClick={() => edits.removeTable()}>删除表格</button>
        </div>
      )}
    </NodeViewWrapper>
  );
}
