import { STANDARD_SECTIONS } from '../template.js';
import { checkBudgetTable } from './checks/budgetRules.js';
import { checkSelfEvaluationAgainstBudgets } from './checks/fundsAgreementRules.js';
import { checkNarrativeFigures, checkNoProjectSpending } from './checks/narrativeRules.js';
import { problem, type Problem } from './checks/problem.js';
import { checkSelfEvaluations } from './checks/selfEvaluationRules.js';
import type { ReportModel } from './reportModel.js';
import { DEFAULT_SCORING_RULES, type ScoringRules } from './selfEvaluation.js';

export type { Problem, ProblemCode, ProblemLocation } from './checks/problem.js';
export type { ReportModel, ReportSectionModel } from './reportModel.js';

/** The four budget sections every report carries, even when they only say 无 (DOMAIN.md §2). */
export const REQUIRED_BUDGET_SECTIONS = ['general-budget', 'fund-budget', 'state-capital-budget', 'social-insurance-budget'] as const;

function checkRequiredSections(report: ReportModel): Problem[] {
  const problems: Problem[] = [];
  for (const key of REQUIRED_BUDGET_SECTIONS) {
    const title = STANDARD_SECTIONS.find((s) => s.key === key)?.title ?? key;
    const section = report.sections.find((s) => s.key === key);
    if (!section) {
      problems.push(problem('section-missing', 'error', `缺少「${title}」部分（没有此类支出时写“无”）`, { sectionKey: key }));
    } else if (section.text.trim() === '' && section.budgetTables.length === 0) {
      problems.push(problem('section-empty', 'error', `「${section.title}」部分是空的（没有此类支出时写“无”）`, { sectionKey: key }));
    }
  }
  return problems;
}

/**
 * The one check engine, run live by the editor and by the server before a report moves on.
 * Pure: the same model always gives the same problems, in a stable order (required sections,
 * budget tables, prose against tables, 自评表, 自评表 against the budget tables).
 */
export function checkReport(report: ReportModel, rules: ScoringRules = DEFAULT_SCORING_RULES): Problem[] {
  const texts = report.sections.map((s) => s.text);
  return [
    ...checkRequiredSections(report),
    ...report.sections.flatMap((s) => s.budgetTables.flatMap((table) => checkBudgetTable(s.key, table, texts))),
    ...checkNarrativeFigures(report),
    ...checkNoProjectSpending(report),
    ...checkSelfEvaluations(report, rules),
    ...checkSelfEvaluationAgainstBudgets(report),
  ];
}
