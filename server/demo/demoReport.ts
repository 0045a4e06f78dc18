import fs from 'node:fs';
import type { JSONContent } from '@tiptap/core';
import { createBudgetTable } from '../../shared/domain/budget.js';
import { createSelfEvaluationTable } from '../../shared/domain/selfEvaluation.js';
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

function selfEvaluationTable(): JSONContent {
  const table = createSelfEvaluationTable();
  for (const row of table.funds) {
    if (row.role === 'total' || row.label === '本年财政拨款') {
      Object.assign(row, { initialBudget: BASIC_SPENDING, fullYearBudget: BASIC_SPENDING, fullYearActual: BASIC_SPENDING });
    }
  }
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
