import { SECTION_TRANSITIONS, type SectionAction } from '../../shared/review.js';
import type { TransitionView } from '../../shared/reviewApi.js';
import type { Actor } from '../accounts/Actor.js';
import { AppError, forbidden, invalid } from '../errors.js';
import { can } from '../policies/index.js';
import type { Reports } from '../reports/Reports.js';
import type { Store } from '../storage/Store.js';
import type { Comments } from './Comments.js';
import type { ReportEvents } from './ReportEvents.js';
import type { Versions } from './Versions.js';

/**
 * Section workflow 草稿 → 已提交 → 已通过 / 退回, and the report's 定稿. Every step is authorised
 * by the policy, recorded (who, when, from, to), snapshotted where it matters, and announced to
 * open pages; the collaboration gate re-checks open connections when it hears of it.
 */
export class Workflow {
  constructor(
    private readonly store: Store,
    private readonly reports: Reports,
    private readonly versions: Versions,
    private readonly comments: Comments,
    private readonly events: ReportEvents,
  ) {}

  async act(actor: Actor, reportId: string, sectionKey: string, action: SectionAction, reason: string | null): Promise<void> {
    const { report, section } = await this.reports.readableSection(actor, reportId, sectionKey);
    const allowed = action === 'submit' ? can(actor, 'section.submit', { report, section }) : can(actor, 'section.review', { report, section });
    if (!allowed) throw forbidden();
    const { from, to } = SECTION_TRANSITIONS[action];
    if (!from.includes(section.status)) throw new AppError(409, 'invalid_transition', '该部分当前状态不能执行此操作，请刷新后重试');
    if (action === 'return' && !reason?.trim()) throw invalid('退回时请填写原因');
    await this.store.reports.setSectionStatus({
      reportId, sectionKey, from: section.status, to, actorId: actor.id, at: Date.now(), reason: reason?.trim() || null,
    });
    if (action === 'submit' || action === 'approve') await this.versions.snapshot(reportId, sectionKey, action, actor);
    if (action === 'return') await this.comments.createSectionNote(actor, report, section, `退回原因：${reason!.trim()}`);
    await this.events.changed(reportId, 'workflow');
  }

  async finalize(actor: Actor, reportId: string): Promise<void> {
    const report = await this.reports.readable(actor, reportId);
    if (!can(actor, 'report.manage', report)) throw forbidden();
    if (report.finalized) throw new AppError(409, 'invalid_transition', '报告已定稿');
    for (const section of await this.store.reports.sections(reportId)) {
      await this.versions.snapshot(reportId, section.key, 'finalize', actor);
    }
    await this.store.reports.setFinalized(true, { reportId, sectionKey: null, from: 'open', to: 'finalized', actorId: actor.id, at: Date.now(), reason: null });
    await this.events.changed(reportId, 'workflow');
  }

  async reopen(actor: Actor, reportId: string): Promise<void> {
    const report = await this.reports.readable(actor, reportId);
    if (!can(actor, 'report.manage', report)) throw forbidden();
    if (!report.finalized) throw new AppError(409, 'invalid_transition', '报告尚未定稿');
    await this.store.reports.setFinalized(false, { reportId, sectionKey: null, from: 'finalized', to: 'open', actorId: actor.id, at: Date.now(), reason: null });
    await this.events.changed(reportId, 'workflow');
  }

  async history(actor: Actor, reportId: string): Promise<TransitionView[]> {
    const report = await this.reports.readable(actor, reportId);
    const names = new Map((await this.store.users.listByOrg(report.orgId)).map((u) => [u.id, u.displayName]));
    return (await this.store.reports.transitions(reportId)).map(({ actorId, ...rest }) => ({ ...rest, actor: names.get(actorId) ?? '未知用户' }));
  }
}
