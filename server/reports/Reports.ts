import type { ReportSummary, ReportView } from '../../shared/api.js';
import { chineseNumeral } from '../../shared/numbering.js';
import type { TemplateSection } from '../../shared/template.js';
import type { Actor } from '../accounts/Actor.js';
import { notFound } from '../errors.js';
import { randomId } from '../ids.js';
import { can } from '../policies/index.js';
import type { ReportRecord, SectionRecord, Store } from '../storage/Store.js';

/** What a connection to one section room is allowed to do. */
export type SectionAccess =
  | { kind: 'granted'; report: ReportRecord; section: SectionRecord; canEdit: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

export class Reports {
  constructor(private readonly store: Store) {}

  async create(orgId: string, title: string, year: number, sections: readonly TemplateSection[]): Promise<ReportRecord> {
    const report: ReportRecord = { id: randomId(), orgId, title, year, finalized: false };
    await this.store.reports.create(report, sections.map((s, position) => ({ reportId: report.id, position, ...s, status: 'draft' as const })));
    return report;
  }

  async listFor(actor: Actor): Promise<ReportSummary[]> {
    const reports = (await this.store.reports.listByOrg(actor.orgId)).filter((r) => can(actor, 'report.read', r));
    return Promise.all(reports.map(async (r) => ({
      id: r.id, title: r.title, year: r.year, sectionCount: (await this.store.reports.sections(r.id)).length,
    })));
  }

  async viewFor(actor: Actor, reportId: string): Promise<ReportView> {
    const report = await this.store.reports.get(reportId);
    // Another organisation's report answers exactly like a missing one: its existence is not revealed.
    if (!report || !can(actor, 'report.read', report)) throw notFound();
    const sections = await this.store.reports.sections(report.id);
    return {
      id: report.id, title: report.title, year: report.year,
      sections: sections.map((section, index) => ({
        key: section.key, number: chineseNumeral(index + 1), title: section.title, department: section.department,
        canEdit: can(actor, 'section.edit', { report, section }),
      })),
    };
  }

  async sectionAccess(actor: Actor, reportId: string, sectionKey: string): Promise<SectionAccess> {
    const report = await this.store.reports.get(reportId);
    if (!report) return { kind: 'not_found' };
    if (!can(actor, 'report.read', report)) return { kind: 'forbidden' };
    const section = (await this.store.reports.sections(reportId)).find((s) => s.key === sectionKey);
    if (!section) return { kind: 'not_found' };
    return { kind: 'granted', report, section, canEdit: can(actor, 'section.edit', { report, section }) };
  }
}
