import type { JSONContent } from '@tiptap/core';
import type { CarryOver } from '../../shared/domain/carryOver.js';
import type { TemplateSection } from '../../shared/template.js';
import { randomId } from '../ids.js';
import type { ReportRecord, Store } from '../storage/Store.js';
import { seedUpdate } from './sectionDocuments.js';

/** A section of a report about to be created: where it stands, who writes it, what it starts with. */
export interface DraftSection extends TemplateSection {
  /** Seeded into the section's document; an empty section when absent. */
  content?: JSONContent;
  /** Figures carried in `content` from last year's report. */
  carryOver?: CarryOver;
}

export interface ReportDraft {
  orgId: string;
  title: string;
  year: number;
  /** 「附件4」 when the report goes out as an attachment (see ReportRecord). */
  attachmentLabel: string | null;
  sections: readonly DraftSection[];
}

/**
 * Creates reports with their starting content. The documents are encoded (and so validated
 * against the schema) before anything is written, and stored before the report row exists:
 * by the time anyone can see the report, every section already holds its content.
 */
export class ReportBuilder {
  constructor(private readonly store: Store) {}

  async build(draft: ReportDraft): Promise<ReportRecord> {
    const { orgId, title, year, attachmentLabel } = draft;
    const report: ReportRecord = { id: randomId(), orgId, title, year, finalized: false, attachmentLabel };
    const seeds = draft.sections.flatMap(({ key, content, carryOver }) =>
      (content ? [seedUpdate({ reportId: report.id, sectionKey: key, content, carryOver })] : []));
    await this.store.documents.append(seeds);
    await this.store.reports.create(report, draft.sections.map((section, position) => ({
      reportId: report.id, key: section.key, position, title: section.title, department: section.department, status: 'draft',
    })));
    return report;
  }
}
