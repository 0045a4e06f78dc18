import { carriedFigures } from '../../shared/domain/carryOver.js';
import { plainTextFromDoc } from '../../shared/editor/budgetNodes.js';
import { STANDARD_SECTIONS } from '../../shared/template.js';
import type { ImportResult } from '../import/index.js';
import type { ReportRecord, Store } from '../storage/Store.js';
import { clearFigures } from './clearFigures.js';
import type { DraftSection, ReportDraft } from './ReportBuilder.js';
import { loadSection } from './sectionDocuments.js';

/** The usual title of a year's report. */
export function defaultTitle(year: number): string {
  return `${year}年度部门整体支出绩效自评报告`;
}

/** A new report with the standard outline, each part owned by the department that usually writes it. */
export function draftFromTemplate(orgId: string, year: number, title = defaultTitle(year)): ReportDraft {
  return { orgId, year, title, attachmentLabel: null, sections: STANDARD_SECTIONS.map((section) => ({ ...section })) };
}

/** An imported document as a report: its sections, owners and text as the importer read them. */
export function draftFromImport(orgId: string, imported: ImportResult, year: number): ReportDraft {
  return {
    orgId, year, title: imported.title, attachmentLabel: imported.attachmentLabel,
    sections: imported.sections.map(({ key, title, department, content }) => ({ key, title, department, content })),
  };
}

/**
 * This year's report from last year's: the same sections, owners and text, with every figure
 * cleared and each figure of the carried prose recorded, so the checks flag it until updated.
 */
export async function draftFromLastYear(store: Store, source: ReportRecord, year: number, title?: string): Promise<ReportDraft> {
  const sections: DraftSection[] = [];
  for (const section of await store.reports.sections(source.id)) {
    const stored = await loadSection(store.documents, source.id, section.key);
    const content = clearFigures(stored.content);
    const figures = carriedFigures(plainTextFromDoc(content), source.year);
    sections.push({
      key: section.key, title: section.title, department: section.department, content,
      ...(figures.length > 0 ? { carryOver: { fromYear: source.year, figures } } : {}),
    });
  }
  const carriedTitle = source.title.includes(`${source.year}年`) ? source.title.replace(`${source.year}年`, `${year}年`) : defaultTitle(year);
  return { orgId: source.orgId, year, title: title ?? carriedTitle, attachmentLabel: source.attachmentLabel, sections };
}
