import type { ReportSummary, ReportView } from '../../shared/api.js';
import type { SectionTask } from '../../shared/reviewApi.js';
import { chineseNumeral } from '../../shared/numbering.js';
import type { TemplateSection } from '../../shared/template.js';
import type { Actor } from '../accounts/Actor.js';
import { notFound } from '../errors.js';
import { randomId } from '../ids.js';
import { can } from '../policies/index.js';
import type { ReportRecord, SectionRecord, Store } from '../storage/Store.js';

/** What a connection to a report's room (a section, or the meta room when sectionKey is null) may do. */
export type RoomAccess =
  | { kind: 'granted'; report: ReportRecord; canEdit: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

export class Reports {
  constructor(private readonly store: Store) {}

  async create(orgId: string, title: string, year: number, sections: readonly TemplateSection[]): Promise<ReportRecord> {
    const report: ReportRecord = { id: randomId(), orgId, title, year, finalized: false, attachmentLabel: null };
    await this.store.reports.create(report, sections.map((s, position) => ({ reportId: report.id, position, ...s, status: 'draft' as const })));
    return report;
  }

  async listFor(actor: Actor): Promise<ReportSummary[]> {
    const reports = (await this.store.reports.listByOrg(actor.orgId)).filter((r) => can(actor, 'report.read', r));
    return Promise.all(reports.map(async (r) => {
      const sections = await this.store.reports.sections(r.id);
      return {
        id: r.id, title: r.title, year: r.year, finalized: r.finalized,
        sectionCount: sections.length, approvedCount: sections.filter((s) => s.status === 'approved').length,
      };
    }));
  }

  async viewFor(actor: Actor, reportId: string): Promise<ReportView> {
    const report = await this.readable(actor, reportId);
    const sections = await this.store.reports.sections(report.id);
    const openThreads = new Map<string, number>();
    for (const thread of await this.store.comments.threads(report.id)) {
      if (!thread.resolvedAt) openThreads.set(thread.sectionKey, (openThreads.get(thread.sectionKey) ?? 0) + 1);
    }
    return {
      id: report.id, title: report.title, year: report.year, finalized: report.finalized, attachmentLabel: report.attachmentLabel,
      canManage: can(actor, 'report.manage', report),
      canComment: can(actor, 'comment.create', report),
      sections: sections.map((section, index) => ({
        key: section.key, number: chineseNumeral(index + 1), title: section.title, department: section.department,
        status: section.status,
        canEdit: can(actor, 'section.edit', { report, section }),
        canSubmit: can(actor, 'section.submit', { report, section }),
        canReview: can(actor, 'section.review', { report, section }),
        openThreads: openThreads.get(section.key) ?? 0,
      })),
    };
  }

  /**
   * Sections waiting for this user, in report and section order: submitted ones for whoever may
   * review them, returned ones for the department that writes them (as the policy says who that
   * is). A finalised report waits for nobody.
   */
  async tasksFor(actor: Actor): Promise<SectionTask[]> {
    const tasks: SectionTask[] = [];
    for (const report of await this.store.reports.listByOrg(actor.orgId)) {
      if (!can(actor, 'report.read', report) || report.finalized) continue;
      (await this.store.reports.sections(report.id)).forEach((section, index) => {
        const { status } = section;
        if (status !== 'submitted' && status !== 'returned') return;
        const reviews = can(actor, 'section.review', { report, section });
        // A returned section waits for its writers: those who may edit it, the reviewer aside.
        const waiting = status === 'submitted' ? reviews : !reviews && can(actor, 'section.edit', { report, section });
        if (!waiting) return;
        tasks.push({
          reportId: report.id, reportTitle: report.title, sectionKey: section.key, number: chineseNumeral(index + 1),
          title: section.title, department: section.department, status,
        });
      });
    }
    return tasks;
  }

  async roomAccess(actor: Actor, reportId: string, sectionKey: string | null): Promise<RoomAccess> {
    const report = await this.store.reports.get(reportId);
    if (!report) return { kind: 'not_found' };
    if (!can(actor, 'report.read', report)) return { kind: 'forbidden' };
    // Only the server writes the meta room.
    if (sectionKey === null) return { kind: 'granted', report, canEdit: false };
    const section = await this.store.reports.section(reportId, sectionKey);
    if (!section) return { kind: 'not_found' };
    return { kind: 'granted', report, canEdit: can(actor, 'section.edit', { report, section }) };
  }

  /** The report and one of its sections, as the actor may see them; 404 otherwise. */
  async readableSection(actor: Actor, reportId: string, sectionKey: string): Promise<{ report: ReportRecord; section: SectionRecord }> {
    const report = await this.readable(actor, reportId);
    const section = await this.store.reports.section(reportId, sectionKey);
    if (!section) throw notFound();
    return { report, section };
  }

  /** The report if the actor may read it; another organisation's report answers like a missing one. */
  async readable(actor: Actor, reportId: string): Promise<ReportRecord> {
    const report = await this.store.reports.get(reportId);
    if (!report || !can(actor, 'report.read', report)) throw notFound();
    return report;
  }
}
