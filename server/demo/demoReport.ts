import fs from 'node:fs';
import type { JSONContent } from '@tiptap/core';
import { createBudgetTable } from '../../shared/domain/budget.js';
import { createSelfEvaluationTable, type Indicator } from '../../shared/domain/selfEvaluation.js';
import { budgetTableToNode, selfEvaluationToNode } from '../../shared/editor/budgetNodes.js';
import { importReport } from '../import/index.js';
import type { ReportDraft } from '../reports/ReportBuilder.js';
import { draftFromImport } from '../reports/reportDrafts.js';

/** The school's real 2024 report (shared/fixtures/000_97e526535f8f5f0d.txt), shipped with the server. */
const REFERENCE_REPORT = new URL('./2024-reference-report.txt', import.meta.url);

/** Its figures: 基本支出 769.78 万元 budgeted and spent, no 项目支出. */
const BASIC_SPENDING = '769.78';

function generalBudgetTable(): JSONContent {
  const table = createBudgetTable('general');
  for (const row of table.rows) {
    if (row.code === 'basic') row.values = { initialBudget: BASIC_SPENDING, fullYearBudget: BASIC_SPENDING, fullYearActual: BASIC_SPENDING };
    if (row.code === 'project') row.values = { initialBudget: '0', fullYearBudget: '0', fullYearActual: '0' };
  }
  return budgetTableToNode(table);
}

/**
 * The template's indicators in order, filled from what the report itself states (15门校本素养
 * 课程, 金牌3枚, 6项省级以上荣誉, 769.78万元); where it states no figure the line is qualitative,
 * rated and scored within its band as a reviewer would.
 */
const DEMO_INDICATORS: ReadonlyArray<Partial<Indicator>> = [
  { level3: '校本素养课程开发门数', target: '≥15门', actual: '15门' },
  { level3: '省级科创竞赛金牌数', target: '≥3枚', actual: '3枚' },
  { level3: '主题活动按学期计划开展', target: '本学期内完成', actual: '本学期开展主题活动20余场', achievement: 'achieved', reviewerScore: '10' },
  { level3: '基本支出控制在预算内', target: '≤769.78万元', actual: '769.78万元' },
  { level3: '获评省级以上荣誉', target: '≥6项', actual: '6项' },
  { level3: '校际教研共同体建设', target: '建立并常态化开展', actual: '与市二中附小建立教研共同体', achievement: 'achieved', reviewerScore: '9' },
  { level3: '学生和家长对办学的满意程度', target: '满意', actual: '学生综合素养提升，家长认可', achievement: 'achieved', reviewerScore: '9' },
];

function selfEvaluationTable(): JSONContent {
  const table = createSelfEvaluationTable();
  for (const row of table.funds) {
    if (row.role === 'total' || row.label === '本年财政拨款') {
      Object.assign(row, { initialBudget: BASIC_SPENDING, fullYearBudget: BASIC_SPENDING, fullYearActual: BASIC_SPENDING });
    }
  }
  table.goal = {
    expected: '落实立德树人根本任务，保障学校正常运转，推进“双减”与科学教育融合，打造科技特色品牌学校',
    actual: '全年正常运转；开发校本素养课程15门，获省级科创竞赛金牌3枚，获评省级以上荣誉6项',
  };
  table.indicators.forEach((indicator, i) => Object.assign(indicator, DEMO_INDICATORS[i]));
  return selfEvaluationToNode(table);
}

/** Puts `block` before the first subheading reading `before`, or at the end. */
function insertBefore(doc: JSONContent, before: string, block: JSONContent): JSONContent {
  const blocks = doc.content ?? [];
  const at = blocks.findIndex((b) => b.type === 'heading' && (b.content ?? []).some((t) => t.text === before));
  const index = at < 0 ? blocks.length : at;
  return { ...doc, content: [...blocks.slice(0, index), block, ...blocks.slice(index)] };
}

/**
 * The demo report is the reference report imported, as a school would start: its eight parts
 * owned by the departments that write them, with the 一般公共预算 table beside the prose that
 * states its figures and the 自评表 in the performance part.
 */
export function demoReportDraft(orgId: string): ReportDraft {
  const imported = importReport(new Uint8Array(fs.readFileSync(REFERENCE_REPORT)), '2024-reference-report.txt');
  const draft = draftFromImport(orgId, imported, imported.year ?? 2024);
  return {
    ...draft,
    sections: draft.sections.map((section) => {
      if (section.key === 'general-budget') return { ...section, content: insertBefore(section.content!, '项目支出情况', generalBudgetTable()) };
      if (section.key === 'performance') return { ...section, content: insertBefore(section.content!, '项目支出绩效情况', selfEvaluationTable()) };
      return section;
    }),
  };
}
