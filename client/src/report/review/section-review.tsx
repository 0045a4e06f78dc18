import { useState } from 'react';
import type { SectionView } from '../../../../shared/api.js';
import { SECTION_STATUS_LABELS, SECTION_TRANSITIONS, type SectionStatus } from '../../../../shared/review.js';
import { ReviewDialog } from './dialog.js';
import { useReview } from './review-context.js';
import { ThreadCard } from './thread-card.js';
import { isSectionNote } from '../../../../shared/reviewApi.js';

export function StatusBadge({ status }: { status: SectionStatus }) {
  return <span className={`status-badge is-${status}`} data-status={status}>{SECTION_STATUS_LABELS[status]}</span>;
}

/** The section's status as the server last reported it (the session's copy may be older). */
export function useLiveSection(sectionKey: string): SectionView | null {
  return useReview()?.report.sections.find((s) => s.key === sectionKey) ?? null;
}

/** Status badge for a section heading. */
export function SectionStatus({ sectionKey }: { sectionKey: string }) {
  const section = useLiveSection(sectionKey);
  return section ? <StatusBadge status={section.status} /> : null;
}

const WRITER_HINTS: Record<SectionStatus, string> = {
  draft: '撰写完成后提交审阅',
  submitted: '等待校长审阅，暂不可修改',
  approved: '审阅已通过',
  returned: '请根据退回意见修改后重新提交',
};

/** What the status means to this reader: the writer is told what to do, everyone else what is happening. */
function statusHint(section: SectionView): string {
  if (section.canSubmit && !section.canReview) return WRITER_HINTS[section.status];
  const { status, department } = section;
  if (status === 'submitted') return section.canReview ? '已提交，等待您审阅' : '已提交，等待校长审阅';
  return { draft: `${department}撰写中`, approved: '审阅已通过', returned: `已退回${department}修改` }[status];
}

/** The workflow line under a section heading: where it stands and what the reader may do. */
export function SectionReviewBar({ sectionKey }: { sectionKey: string }) {
  const review = useReview();
  const section = useLiveSection(sectionKey);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!review || !section) return null;
  const { report } = review;
  const can = (action: keyof typeof SECTION_TRANSITIONS) => !report.finalized && SECTION_TRANSITIONS[action].from.includes(section.status);
  const open = review.openThreadCount(section.key);

  const act = async (action: keyof typeof SECTION_TRANSITIONS, reason?: string) => {
    setBusy(true);
    const done = await review.sectionAction(section.key, action, reason);
    setBusy(false);
    return done;
  };

  return (
    <div className="section-review-bar" data-status={section.status}>
      <span className="section-review-hint">
        {report.finalized ? '报告已定稿，只读' : statusHint(section)}
        {open > 0 && <span className="section-review-open">{open} 条评论待处理</span>}
      </span>
      <span className="section-review-actions">
        {section.canSubmit && can('submit') && (
          <button type="button" className="review-button is-primary" disabled={busy} onClick={() => void act('submit')}>提交审阅</button>
        )}
        {section.canReview && can('approve') && (
          <button type="button" className="review-button is-ok" disabled={busy} onClick={() => void act('approve')}>通过</button>
        )}
        {section.canReview && can('return') && (
          <button type="button" className="review-button" disabled={busy} onClick={() => setReturning(true)}>退回</button>
        )}
        {section.canReview && can('reopen') && (
          <button type="button" className="review-button" disabled={busy} onClick={() => void act('reopen')}>重新打开</button>
        )}
        <button type="button" className="review-button is-quiet" onClick={() => review.openHistory(section.key)}>历史版本</button>
      </span>
      {returning && (
        <ReturnDialog section={section} onClose={() => setReturning(false)}
          onReturn={async (reason) => { if (await act('return', reason)) setReturning(false); }} />
      )}
    </div>
  );
}

function ReturnDialog({ section, onClose, onReturn }: { section: SectionView; onClose(): void; onReturn(reason: string): Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <ReviewDialog title={`退回「${section.number}、${section.title}」`} onClose={onClose}>
      <p className="review-dialog-text">退回后，{section.department}可以再次修改本部分。原因会作为备注显示在本部分开头。</p>
      <label className="field">
        <span className="field-label">退回原因</span>
        <textarea className="review-textarea" autoFocus rows={4} value={reason} maxLength={2000} placeholder="请说明需要修改的地方"
          onChange={(event) => setReason(event.target.value)} />
      </label>
      <div className="review-dialog-actions">
        <button type="button" className="button-quiet" onClick={onClose}>取消</button>
        <button type="button" className="button-primary" disabled={busy || !reason.trim()}
          onClick={async () => { setBusy(true); await onReturn(reason.trim()); setBusy(false); }}>退回</button>
      </div>
    </ReviewDialog>
  );
}

/** Section-level notes (e.g. 退回原因), shown at the top of the section; resolved ones fold away. */
export function SectionNotes({ sectionKey }: { sectionKey: string }) {
  const review = useReview();
  const [showResolved, setShowResolved] = useState(false);
  if (!review) return null;
  const notes = review.threadsOf(sectionKey).filter(isSectionNote);
  const open = notes.filter((n) => !n.resolved);
  const resolved = notes.filter((n) => n.resolved);
  if (notes.length === 0) return null;
  return (
    <div className="section-notes">
      {open.map((note) => <ThreadCard key={note.id} thread={note} variant="note" />)}
      {resolved.length > 0 && (
        <button type="button" className="thread-link section-notes-toggle" onClick={() => setShowResolved((v) => !v)}>
          {showResolved ? '收起已解决的备注' : `已解决的备注（${resolved.length}）`}
        </button>
      )}
      {showResolved && resolved.map((note) => <ThreadCard key={note.id} thread={note} variant="note" />)}
    </div>
  );
}
