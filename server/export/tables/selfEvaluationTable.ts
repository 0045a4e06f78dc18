import type { JSONContent } from '@tiptap/core';
import { formatPercent, formatWan, parseAmount, round, toDecimalString, type Decimal } from '../../../shared/domain/money.js';
import { selfEvaluationFromNode } from '../../../shared/editor/budgetNodes.js';
import { scoreSelfEvaluation, type SelfEvaluationTable } from '../../../shared/domain/selfEvaluation.js';
import type { ExportBlock, ExportTable } from '../model.js';

const points = (value: Decimal | undefined) => (value === undefined ? '' : toDecimalString(value));
/** Scores always with two decimals, whether computed (15.00) or given by the reviewer (14). */
const scoreText = (value: Decimal | undefined) => (value === undefined ? '' : toDecimalString(round(value, 2)));

function money(typed: string, table: SelfEvaluationTable): string {
  if (typed.trim() === '') return '';
  const parsed = parseAmount(typed, table.unit);
  return parsed.ok ? formatWan(parsed.value, table.unit) : typed;
}

function fundsTable(table: SelfEvaluationTable, score: ReturnType<typeof scoreSelfEvaluation>): ExportTable {
  return {
    caption: '部门整体支出绩效自评表：年度资金',
    unitNote: '单位：万元',
    columns: [
      { label: '项目', align: 'left', weight: 2.6 },
      { label: '年初预算数', align: 'right', weight: 2.2 },
      { label: '全年预算数', align: 'right', weight: 2.2 },
      { label: '全年执行数', align: 'right', weight: 2.2 },
      { label: '分值', align: 'right', weight: 1 },
      { label: '执行率', align: 'right', weight: 2 },
      { label: '得分', align: 'right', weight: 1.4 },
    ],
    // 分值, 执行率 and 得分 belong to 年度资金总额; its 其中 lines leave them blank, as on the form.
    rows: table.funds.map((row) => {
      const total = row.role === 'total';
      return {
        emphasis: total,
        cells: [
          total ? row.label : `\u3000其中：${row.label}`,
          money(row.initialBudget, table), money(row.fullYearBudget, table), money(row.fullYearActual, table),
          total ? points(score.funds.weight) : '',
          total && score.funds.rate !== undefined ? formatPercent(score.funds.rate) : '',
          total ? scoreText(score.funds.score) : '',
        ],
      };
    }),
  };
}

function goalTable(table: SelfEvaluationTable): ExportTable {
  return {
    caption: '部门整体支出绩效自评表：年度总体目标',
    unitNote: null,
    columns: [{ label: '预期目标', align: 'left', weight: 1 }, { label: '实际完成情况', align: 'left', weight: 1 }],
    rows: [{ emphasis: false, cells: [table.goal.expected, table.goal.actual] }],
  };
}

function indicatorTable(score: ReturnType<typeof scoreSelfEvaluation>): ExportTable {
  return {
    caption: '部门整体支出绩效自评表：绩效指标',
    unitNote: null,
    columns: [
      { label: '一级指标', align: 'left', weight: 1.7 },
      { label: '二级指标', align: 'left', weight: 1.9 },
      { label: '三级指标', align: 'left', weight: 2 },
      { label: '年度指标值', align: 'left', weight: 1.5 },
      { label: '实际完成值', align: 'left', weight: 1.5 },
      { label: '分值', align: 'right', weight: 1 },
      { label: '得分', align: 'right', weight: 1.4 },
      { label: '偏差原因分析及改进措施', align: 'left', weight: 2.4 },
    ],
    rows: [
      ...score.indicators.map(({ indicator, weight, score: earned }) => ({
        emphasis: false,
        cells: [
          indicator.level1, indicator.level2, indicator.level3, indicator.target, indicator.actual,
          weight === undefined ? indicator.weight : points(weight), scoreText(earned), indicator.deviationReason,
        ],
      })),
      { emphasis: true, cells: ['合计', '', '', '', '', points(score.weightSum), scoreText(score.total), ''] },
    ],
  };
}

/** A selfEvaluationTable node → its three blocks (funds, goal, indicators) and the score line. */
export function selfEvaluationToExport(node: JSONContent): ExportBlock[] {
  const table = selfEvaluationFromNode(node);
  const score = scoreSelfEvaluation(table);
  // An unfinished table states no grade: a partial sum would read as a failing 差.
  const verdict = score.grade
    ? `自评得分：${scoreText(score.total)}分；自评等级：${score.grade}`
    : `自评得分：评分未完成（尚有${score.unscored}项未评分，已评分项合计${scoreText(score.total)}分）；自评等级：评分未完成`;
  return [
    { kind: 'table', table: fundsTable(table, score) },
    { kind: 'table', table: goalTable(table) },
    { kind: 'table', table: indicatorTable(score) },
    { kind: 'paragraph', inlines: [{ text: verdict, bold: true }] },
  ];
}
