import { readFileSync } from 'node:fs';
import type { JSONContent } from '@tiptap/core';
import { createBudgetTable } from '../../../../shared/domain/budget.js';
import { createSelfEvaluationTable } from '../../../../shared/domain/selfEvaluation.js';
import { budgetTableToNode, selfEvaluationToNode } from '../../../../shared/editor/budgetNodes.js';
import { REFERENCE_REPORT_URL } from '../../../helpers/referenceReport.js';

/**
 * The reference report (server/demo/2024-reference-report.txt, a copy of shared/fixtures/000_97e526535f8f5f0d.txt) as the sections of the demo
 * report hold it after editing: its paragraphs verbatim, its headings as editor headings that
 * still carry the author's typed (and wrong) numbers 「2、」「（2）」, its measures as an ordered
 * list, plus a budget table and a 自评表. `expectedLines` is what every export must print, in order.
 */
const lines = readFileSync(REFERENCE_REPORT_URL, 'utf8')
  .split(/\r?\n/);
const line = (n: number) => lines[n]!.trim();

const text = (t: string): JSONContent => ({ type: 'text', text: t });
const p = (n: number): JSONContent => ({ type: 'paragraph', content: [text(line(n))] });
const h = (level: 3 | 4 | 5, n: number): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(line(n))] });
const orderedList = (...ns: number[]): JSONContent => ({
  type: 'orderedList',
  attrs: { start: 1 },
  content: ns.map((n) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [text(line(n).replace(/^\d\./, ''))] }] })),
});

function ids(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

export function referenceBudgetTable(): JSONContent {
  const table = createBudgetTable('general', { newId: ids('budget-') });
  const values = (initialBudget: string, fullYearBudget: string, fullYearActual: string) => ({ initialBudget, fullYearBudget, fullYearActual });
  table.rows[1]!.values = values('700.00', '700.00', '700.00');
  table.rows[2]!.values = values('69.78', '69.78', '69.78');
  table.rows[3]!.values = values('0', '0', '0');
  table.rows[3]!.note = '本年度无项目支出';
  return budgetTableToNode(table);
}

export function referenceSelfEvaluation(): JSONContent {
  const table = createSelfEvaluationTable({ newId: ids('se-') });
  Object.assign(table.funds[0]!, { initialBudget: '769.78', fullYearBudget: '769.78', fullYearActual: '769.78' });
  Object.assign(table.funds[1]!, { initialBudget: '769.78', fullYearBudget: '769.78', fullYearActual: '769.78' });
  table.goal = { expected: '保障学校正常运转，落实立德树人根本任务', actual: '全年正常运转，获省级以上荣誉6项' };
  const score = (i: number, fields: Record<string, string>) => Object.assign(table.indicators[i]!, fields);
  score(0, { level3: '在校学生数', target: '=1088人', actual: '1088人' });
  score(1, { level3: '教学质量', target: '效果明显', achievement: 'achieved', reviewerScore: '14' });
  score(2, { level3: '资金支付及时率', target: '≥95%', actual: '100%' });
  score(3, { level3: '公用经费控制', target: '≤90万元', actual: '69.78万元' });
  score(4, { level3: '学生综合素养提升', target: '效果明显', achievement: 'achieved', reviewerScore: '18' });
  score(5, { level3: '办学条件持续改善', target: '持续改善', achievement: 'partial', reviewerScore: '7', deviationReason: '智慧教室升级尚未完成' });
  score(6, { level3: '家长满意度', target: '≥90%', actual: '96%' });
  return selfEvaluationToNode(table);
}

/** Section key → its document, in the demo report's (standard) section order. */
export const REFERENCE_SECTIONS: Record<string, JSONContent> = {
  'basic-info': { type: 'doc', content: [p(4), p(5), h(3, 6), p(7)] },
  'general-budget': { type: 'doc', content: [h(3, 9), p(10), referenceBudgetTable(), h(3, 11), p(12)] },
  'fund-budget': { type: 'doc', content: [p(14)] },
  'state-capital-budget': { type: 'doc', content: [p(16)] },
  'social-insurance-budget': { type: 'doc', content: [p(18)] },
  performance: { type: 'doc', content: [h(3, 20), p(21), p(22), p(23), p(24), p(25), referenceSelfEvaluation(), h(3, 26), p(27)] },
  problems: { type: 'doc', content: [h(3, 29), p(30), p(31), h(3, 32), p(33), p(34)] },
  improvements: { type: 'doc', content: [orderedList(36, 37, 38)] },
};

export const REFERENCE_TITLE = '2024年度部门整体支出绩效自评报告';

/** The report's text as printed, numbering by the app: 「2、 主要职能」 is （一）, 「（2）」 is （二）. */
export const EXPECTED_LINES: readonly string[] = [
  REFERENCE_TITLE,
  '一、部门（单位）基本情况', line(4), line(5), '（一）主要职能', line(7),
  '二、一般公共预算支出情况', '（一）基本支出情况', line(10), '（二）项目支出情况', line(12),
  '三、政府性基金预算支出情况', '无',
  '四、国有资本经营预算支出情况', '无',
  '五、社会保险基金预算支出情况', '无',
  '六、部门整体支出绩效情况', '（一）整体支出绩效情况', line(21), line(22), line(23), line(24), line(25),
  '（二）项目支出绩效情况', '无',
  '七、存在的问题及原因分析', '（一）预算与绩效管理', line(30), line(31), '（二）部门履职效能', line(33), line(34),
  '八、下一步改进措施', line(36), line(37), line(38),
];

/** The figures the tables must show, computed (totals, 执行率, scores, grade). */
export const EXPECTED_TABLE_FIGURES = {
  budgetTotalRow: ['一般公共预算支出', '769.78', '769.78', '769.78', '100.00%'],
  selfEvaluationVerdict: '自评得分：94.00分；自评等级：优',
} as const;
