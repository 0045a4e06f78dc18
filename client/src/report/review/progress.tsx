import { useState } from 'react';
import type { SectionView } from '../../../../shared/api.js';
import { SECTION_STATUSES, SECTION_STATUS_LABELS } from '../../../../shared/review.js';
import { api } from '../../api.js';
import { sectionAnchor } from '../section-anchor.js';
import { ReviewDialog, ReviewDrawer } from './dialog.js';
import { InboxLink } from './inbox-link.js';
import { useReview } from './review-context.js';
import { StatusBadge } from './section-review.js';

/** Status and open comments of one section, for its line in the table of contents. */
export function TocReviewInfo({ section }: { section: SectionView }) {
  const review = useReview();
  if (!review) return null;
  const live = review.report.sections.find((s) => s.key === section.key) ?? section;
  const open = review.openThreadCount(section.key);
  return (
    <span className="toc-review">
      <StatusBadge status={live.status} />
      {open > 0 && <span className="toc-comments" title={`${open} 条未解决的评论`}>💬 {open}</span>}
    </span>
  );
}

function tally(sections: readonly SectionView[]) {
  const counts = Object.fromEntries(SECTION_STATUSES.map((s) => [s, 0])) as Record<SectionView['status'], number>;
  for (const section of sections) counts[section.status] += 1;
  return counts;
}

/** Above the table of contents: how far the review has come (e.g. 3/8 已通过). */
export function ReviewProgressSummary() {
  const review = useReview();
  if (!review) return null;
  const { sections, finalized } = review.report;
  const counts = tally(sections);
  const total = sections.length;
  return (
    <div className="review-progress" aria-label="审阅进度">
      <div className="review-progress-line">
        <span className="review-progress-title">{finalized ? '已定稿' : '审阅进度'}</span>
        <span className="review-progress-count" data-approved={counts.approved}>{counts.approved}/{total} 已通过</span>
      </div>
      <div className="review-progress-bar" role="img" aria-label={SECTION_STATUSES.map((s) => `${SECTION_STATUS_LABELS[s]} ${counts[s]}`).join('，')}>
        {(['approved', 'submitted', 'returned'] as const).map((status) => counts[status] > 0 && (
          <span key={status} className={`is-${status}`} style={{ width: `${(counts[status] / total) * 100}%` }} />
        ))}
      </div>
      <div className="review-progress-legend">
        {SECTION_STATUSES.filter((s) => counts[s] > 0).map((s) => (
          <span key={s} className={`legend is-${s}`}>{SECTION_STATUS_LABELS[s]} {counts[s]}</span>
        ))}
      </div>
    </div>
  );
}

/** The report bar's review entries: 需要我处理, 进度, and 定稿 / 取消定稿 for the principal. */
export function ReviewBarActions() {
  const review = useReview();
  const [progress, setProgress] = useState(false);
  const [confirm, setConfirm] = useState<'finalize' | 'reopen' | null>(null);
  const [busy, setBusy] = useState(false);
  if (!review) return null;
  const { report } = review;
  const counts = tally(report.sections);

  const change = async (action: 'finalize' | 'reopen') => {
    setBusy(true);
    const done = await review.run(() => api('POST', `/api/reports/${encodeURIComponent(report.id)}/${action}`));
    setBusy(false);
    if (done) setConfirm(null);
  };

  return (
    <div className="review-bar-actions">
      {report.finalized && <span className="status-badge is-finalized">已定稿</span>}
      <InboxLink className="review-bar-link" />
      <button type="button" className="button-quiet" onClick={() => setProgress(true)} title="各部分的审阅状态">
        进度 {counts.approved}/{report.sections.length}
      </button>
      {report.canManage && (report.finalized
        ? <button type="button" className="button-quiet" onClick={() => setConfirm('reopen')}>取消定稿</button>
        : <button type="button" className="button-primary review-finalize" onClick={() => setConfirm('finalize')}>定稿</button>)}
      {progress && <ProgressDrawer onClose={() => setProgress(false)} />}
      {confirm && (
        <ReviewDialog title={confirm === 'finalize' ? '定稿' : '取消定稿'} onClose={() => setConfirm(null)}>
          {confirm === 'finalize' ? (
            <>
              <p className="review-dialog-text">定稿后，报告的所有部分对所有人只读，并为每个部分保存一个「定稿时」版本。</p>
              {counts.approved < report.sections.length && (
                <p className="review-dialog-warning">
                  还有 {report.sections.length - counts.approved} 个部分尚未通过审阅：
                  {report.sections.filter((s) => s.status !== 'approved').map((s) => `${s.number}、${s.title}`).join('；')}
                </p>
              )}
            </>
          ) : (
            <p className="review-dialog-text">取消定稿后，各部门可以按各部分的审阅状态继续修改。</p>
          )}
          <div className="review-dialog-actions">
            <button type="button" className="button-quiet" onClick={() => setConfirm(null)}>取消</button>
            <button type="button" className="button-primary" disabled={busy} onClick={() => void change(confirm)}>
              {confirm === 'finalize' ? '确认定稿' : '取消定稿'}
            </button>
          </div>
        </ReviewDialog>
      )}
    </div>
  );
}

/** 进度: every section's status, owner and open comments, with the totals. */
function ProgressDrawer({ onClose }: { onClose(): void }) {
  const review = useReview();
  if (!review) return null;
  const { report } = review;
  const counts = tally(report.sections);
  const openTotal = report.sections.reduce((sum, s) => sum + review.openThreadCount(s.key), 0);
  const jump = (key: string) => {
    document.getElementById(sectionAnchor(key))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    onClose();
  };
  return (
    <ReviewDrawer title="审阅进度" onClose={onClose} wide
      subtitle={`${counts.approved}/${report.sections.length} 已通过 · 已提交 ${counts.submitted} · 退回 ${counts.returned} · 草稿 ${counts.draft} · ${openTotal} 条评论待处理`}>
      <table className="progress-table">
        <thead>
          <tr><th>部分</th><th>负责部门</th><th>状态</th><th className="num">未解决评论</th><th /></tr>
        </thead>
        <tbody>
          {report.sections.map((section) => {
            const open = review.openThreadCount(section.key);
            return (
              <tr key={section.key} data-progress-section={section.key} className={`is-${section.status}`}>
                <td><button type="button" className="thread-link progress-jump" onClick={() => jump(section.key)}>{section.number}、{section.title}</button></td>
                <td>{section.department}</td>
                <td><StatusBadge status={section.status} /></td>
                <td className="num">{open > 0 ? open : <span className="muted">—</span>}</td>
                <td className="progress-next">{nextStep(section, report.finalized)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ReviewDrawer>
  );
}

function nextStep(section: SectionView, finalized: boolean): string {
  if (finalized) return '已定稿';
  switch (section.status) {
    case 'draft': return `等待${section.department}提交`;
    case 'returned': return `等待${section.department}修改`;
    case 'submitted': return '等待审阅';
    case 'approved': return '完成';
  }
}
