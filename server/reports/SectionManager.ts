import { AppError, invalid, notFound } from '../errors.js';
import { randomId } from '../ids.js';
import type { ReportEvents } from '../review/ReportEvents.js';
import { requireFreeTitle } from './reportTitles.js';
import type { ReportRecord, SectionRecord, Store } from '../storage/Store.js';

export interface SectionPatch {
  title?: string;
  department?: string;
}

/**
 * Retitles a report; adds, renames, reorders and reassigns its sections (the caller has checked
 * the principal's 'report.manage'). Numbers are never stored: they follow from the order. Every
 * change is announced on the report's meta room, so open pages show it at once.
 */
export class SectionManager {
  constructor(private readonly store: Store, private readonly events: ReportEvents) {}

  async retitle(report: ReportRecord, title: string): Promise<void> {
    await requireFreeTitle(this.store, report.orgId, title, report.id);
    await this.store.reports.setTitle(report.id, title);
    await this.events.changed(report.id, 'structure');
  }

  async add(report: ReportRecord, input: { title: string; department: string; after?: string }): Promise<SectionRecord> {
    await this.requireDepartment(report, input.department);
    const sections = await this.store.reports.sections(report.id);
    const index = input.after === undefined ? sections.length : this.indexOf(sections, input.after) + 1;
    const section: SectionRecord = {
      reportId: report.id, key: `s-${randomId(8)}`, position: 0, title: input.title, department: input.department, status: 'draft',
    };
    await this.save(report, [...sections.slice(0, index), section, ...sections.slice(index)]);
    return section;
  }

  async update(report: ReportRecord, key: string, patch: SectionPatch): Promise<void> {
    if (patch.department !== undefined) await this.requireDepartment(report, patch.department);
    const sections = await this.store.reports.sections(report.id);
    const index = this.indexOf(sections, key);
    sections[index] = { ...sections[index]!, ...patch };
    await this.save(report, sections);
  }

  /** `keys` must name every section exactly once. */
  async reorder(report: ReportRecord, keys: readonly string[]): Promise<void> {
    const sections = await this.store.reports.sections(report.id);
    const byKey = new Map(sections.map((s) => [s.key, s]));
    if (keys.length !== sections.length || new Set(keys).size !== keys.length || keys.some((k) => !byKey.has(k))) {
      throw invalid('新的顺序必须包含报告的每个部分，且每个部分只出现一次');
    }
    await this.save(report, keys.map((key) => byKey.get(key)!));
  }

  private async save(report: ReportRecord, ordered: readonly SectionRecord[]): Promise<void> {
    if (ordered.length > 99) throw new AppError(400, 'invalid', '一份报告最多 99 个部分');
    await this.store.reports.saveSections(report.id, ordered.map((section, position) => ({ ...section, position })));
    // Open pages refresh their outline, and the gate re-checks rights (an owner may have changed).
    await this.events.changed(report.id, 'structure');
  }

  private indexOf(sections: readonly SectionRecord[], key: string): number {
    const index = sections.findIndex((s) => s.key === key);
    if (index < 0) throw notFound();
    return index;
  }

  private async requireDepartment(report: ReportRecord, department: string): Promise<void> {
    if (!(await this.store.orgs.departments(report.orgId)).includes(department)) throw invalid(`本单位没有「${department}」这个部门`);
  }
}
