import type { Problem } from '../../shared/domain/checks.js';
import { checkSectionDocuments } from '../../shared/editor/checkDocuments.js';
import type { ReportRecord, Store } from '../storage/Store.js';
import { loadSection } from './sectionDocuments.js';

/**
 * The report's problems over what is stored: the same check engine the editor runs live, on
 * the section documents as the server holds them (every stored update has been acknowledged).
 */
export async function checkStoredReport(store: Store, report: ReportRecord): Promise<Problem[]> {
  const sections = await store.reports.sections(report.id);
  const documents = await Promise.all(sections.map(async (section) => {
    const stored = await loadSection(store.documents, report.id, section.key);
    return { key: section.key, title: section.title, doc: stored.content, carryOver: stored.carryOver };
  }));
  return checkSectionDocuments(documents);
}
