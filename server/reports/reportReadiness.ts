import { chineseNumeral } from '../../shared/numbering.js';
import { SECTION_STATUS_LABELS } from '../../shared/review.js';
import type { DraftStatus } from '../export/model.js';
import type { Store } from '../storage/Store.js';
import { checkStoredReport } from './ReportChecks.js';

/**
 * Whether the report is ready to send: finalised, every section approved, no failing check.
 * Otherwise exports carry a 草稿 marking and this list of what is still open.
 */
export async function reportReadiness(store: Store, reportId: string): Promise<DraftStatus> {
  const report = await store.reports.get(reportId);
  if (!report) return { draft: true, problems: ['报告不存在'] };
  const sections = await store.reports.sections(reportId);
  const problems: string[] = [];
  if (!report.finalized) problems.push('报告尚未定稿');
  sections.forEach((section, index) => {
    if (section.status !== 'approved') {
      problems.push(`${chineseNumeral(index + 1)}、${section.title}：尚未通过审阅（${SECTION_STATUS_LABELS[section.status]}）`);
    }
  });
  for (const problem of await checkStoredReport(store, report)) {
    if (problem.severity === 'error') problems.push(problem.message);
  }
  return { draft: problems.length > 0, problems };
}
