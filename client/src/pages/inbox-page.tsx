import { useEffect, useState } from 'react';
import type { ReportView } from '../../../shared/api.js';
import { api, ApiFailure } from '../api.js';
import { formatFullTime, formatTime } from '../report/review/format.js';
import { CommentText } from '../report/review/mentions.js';
import type { InboxView, SectionTask, ThreadView } from '../../../shared/reviewApi.js';
import { Link } from '../router.js';

type State =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; sections: SectionTask[]; threads: ThreadView[]; reports: Map<string, ReportView> };

const TASK_LABELS: Record<SectionTask['status'], string> = { submitted: '待审阅', returned: '已退回，待修改' };

/** 需要我处理: sections waiting for me, and open comments that mention me or my department, across the school's reports. */
export function InboxPage() {
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { sections, threads } = await api<InboxView>('GET', '/api/inbox');
      const reports = new Map<string, ReportView>();
      await Promise.all([...new Set(threads.map((t) => t.reportId))].map(async (id) => {
        reports.set(id, await api<ReportView>('GET', `/api/reports/${encodeURIComponent(id)}`));
      }));
      if (!cancelled) setState({ phase: 'ready', sections, threads: [...threads].sort((a, b) => lastActivity(b) - lastActivity(a)), reports });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ phase: 'failed', message: error instanceof ApiFailure ? error.message : '加载失败' });
    });
    return () => { cancelled = true; };
  }, []);

  return (
    <div className="inbox-page">
      <header className="page-header">
        <h1>需要我处理</h1>
        <p className="page-lead">等待您审阅或修改的部分，以及评论中 @ 了您或您所在部门、且尚未解决的讨论。</p>
      </header>
      {state.phase === 'loading' && <p className="muted">正在加载…</p>}
      {state.phase === 'failed' && <p className="form-error">{state.message}</p>}
      {state.phase === 'ready' && state.sections.length === 0 && state.threads.length === 0 && (
        <div className="empty-state">暂时没有需要您处理的事项。</div>
      )}
      {state.phase === 'ready' && state.sections.length > 0 && (
        <ul className="inbox-list inbox-sections">
          {state.sections.map((task) => (
            <li key={`${task.reportId}/${task.sectionKey}`} className="inbox-item" data-section-task={task.sectionKey} data-status={task.status}>
              <Link className="inbox-card" href={`/reports/${encodeURIComponent(task.reportId)}?section=${encodeURIComponent(task.sectionKey)}`}>
                <div className="inbox-where">
                  {task.number}、{task.title}
                  <span className="inbox-report">{task.reportTitle}</span>
                </div>
                <p className="inbox-body"><strong>{TASK_LABELS[task.status]}</strong> · {task.department}负责</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {state.phase === 'ready' && state.threads.length > 0 && (
        <ul className="inbox-list">
          {state.threads.map((thread) => {
            const report = state.reports.get(thread.reportId);
            const section = report?.sections.find((s) => s.key === thread.sectionKey);
            const first = thread.comments.find((c) => !c.deleted);
            const last = thread.comments[thread.comments.length - 1];
            return (
              <li key={thread.id} className="inbox-item" data-thread-id={thread.id}>
                <Link className="inbox-card" href={`/reports/${encodeURIComponent(thread.reportId)}?thread=${encodeURIComponent(thread.id)}`}>
                  <div className="inbox-where">
                    {section ? `${section.number}、${section.title}` : thread.sectionKey}
                    <span className="inbox-report">{report?.title}</span>
                  </div>
                  {thread.quote
                    ? <blockquote className="thread-quote">{thread.quote}</blockquote>
                    : <span className="thread-note-label">部分备注</span>}
                  {thread.detached && <span className="thread-tag is-detached">原文已删除</span>}
                  {first && (
                    <p className="inbox-body"><strong>{first.author.name}：</strong><CommentText body={first.body} /></p>
                  )}
                  <div className="inbox-meta">
                    {thread.comments.length > 1 && <span>{thread.comments.length - 1} 条回复 · </span>}
                    {last && <time title={formatFullTime(last.createdAt)}>{formatTime(last.createdAt)}</time>}
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function lastActivity(thread: ThreadView): number {
  return Math.max(thread.createdAt, ...thread.comments.map((c) => c.editedAt ?? c.createdAt));
}
