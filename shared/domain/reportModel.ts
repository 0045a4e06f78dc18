import type { BudgetTable } from './budget.js';
import type { SelfEvaluationTable } from './selfEvaluation.js';

/**
 * The plain view of a report that the checks read: per section its key, title, prose (plain
 * text, one line per paragraph or heading) and the tables it holds. The editor builds it live
 * from the section documents (`sectionModelFromDoc` in shared/editor/budgetNodes.ts) and the
 * server builds it the same way from stored documents.
 */
export interface ReportSectionModel {
  key: string;
  title: string;
  text: string;
  budgetTables: BudgetTable[];
  selfEvaluations: SelfEvaluationTable[];
}

export interface ReportModel {
  sections: ReportSectionModel[];
}
