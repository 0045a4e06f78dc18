import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ReportView } from '../../../../shared/api.js';
import type { SectionAction } from '../../../../shared/review.js';
import type { MetaTopic } from '../../../../shared/rooms.js';
import { api, ApiFailure } from '../../api.js';
import { useSession } from '../../session.js';
import type { SectionSession } from '../section-session.js';
import { HistoryDrawer } from './history-drawer.js';
import { announceInboxChanged } from './inbox-link.js';
import { useMetaTopics } from './meta-room.js';
import { revealThread, useThreadStyles } from './thread-styles.js';
import type { ThreadView } from '../../../../shared/reviewApi.js';

export interface Mentionable {
  /** What is inserted after '@'. */
  name: string;
  detail: string;
}

export interface Review {
  report: ReportView;
  sessions: SectionSession[];
  /** null until the first answer. */
  threads: ThreadView[] | null;
  threadsOf(sectionKey: string): ThreadView[];
  openThreadCount(sectionKey: string): number;
  active: string | null;
  setActive(threadId: string | null): void;
  mentionables: Mentionable[];
  /** Bumped when the server announces new versions, so an open history refetches. */
  versionsRevision: number;
  historyKey: string | null;
  openHistory(sectionKey: string | null): void;
  refreshThreads(): Promise<void>;
  /** Runs a request; a refusal is shown as a notice. Resolves to false when it failed. */
  run(request: () => Promise<unknown>): Promise<boolean>;
  sectionAction(sectionKey: string, action: SectionAction, reason?: string): Promise<boolean>;
  /** Adds a thread the server just returned, before the meta room announces it. */
  addThread(thread: ThreadView): void;
}

const ReviewContext = createContext<Review | null>(null);

/** The review state of the open report, or null outside a report page. */
export function useReview(): Review | null {
  return useContext(ReviewContext);
}

interface Props {
  report: ReportView;
  sessions: SectionSession[];
  onReportChanged(report: ReportView): void;
  children: ReactNode;
}

/**
 * Comments, workflow and versions of one report: loads the threads, follows the report's meta
 * room (refetching what each topic names), keeps every editor's editability in step with the
 * server's answer, and shows notices for refused actions.
 */
export function ReviewProvider({ report, sessions, onReportChanged, children }: Props) {
  const { user } = useSession();
  const [threads, setThreads] = useState<ThreadView[] | null>(null);
  const [active, setActive] = useState<string | null>(() => new URLSearchParams(window.location.search).get('thread'));
  const [versionsRevision, setVersionsRevision] = useState(0);
  const [historyKey, openHistory] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [departments, setDepartments] = useState<string[]>([]);
  const [members, setMembers] = useState<Mentionable[]>([]);
  const threadRequest = useRef(0);
  const reportRequest = useRef(0);
  const reportId = report.id;

  const refreshThreads = useCallback(async () => {
    const request = ++threadRequest.current;
    try {
      const { threads: fresh } = await api<{ threads: ThreadView[] }>('GET', `/api/reports/${encodeURIComponent(reportId)}/threads`);
      if (request === threadRequest.current) setThreads(fresh);
    } catch (error) {
      if (request === threadRequest.current && !(error instanceof ApiFailure && error.status === 0)) console.error(error);
    }
  }, [reportId]);

  const refreshReport = useCallback(async () => {
    const request = ++reportRequest.current;
    try {
      const fresh = await api<ReportView>('GET', `/api/reports/${encodeURIComponent(reportId)}`);
      if (request === reportRequest.current) onReportChanged(fresh);
    } catch (error) {
      console.error(error);
    }
  }, [reportId, onReportChanged]);

  useEffect(() => { void refreshThreads(); }, [refreshThreads]);

  useMetaTopics(reportId, (topics: MetaTopic[]) => {
    if (topics.includes('workflow') || topics.includes('structure')) void refreshReport();
    if (topics.includes('comments')) void refreshThreads();
    // Both change what waits for somebody: mentions, and sections submitted or returned.
    if (topics.includes('comments') || topics.includes('workflow')) announceInboxChanged();
    if (topics.includes('versions')) setVersionsRevision((n) => n + 1);
  });

  // People to mention: the school's departments, the members (for those who may list them),
  // and everyone who has written in this report.
  useEffect(() => {
    let cancelled = false;
    api<{ departments: string[] }>('GET', '/api/departments')
      .then(({ departments: list }) => !cancelled && setDepartments(list)).catch(() => undefined);
    if (user.role === 'principal' || user.role === 'admin') {
      api<{ users: { displayName: string; username: string; role: string; department: string | null; disabled: boolean }[] }>('GET', '/api/users')
        .then(({ users }) => !cancelled && setMembers(users.filter((u) => !u.disabled && u.role !== 'admin')
          .map((u) => ({ name: u.displayName, detail: u.department ?? (u.role === 'principal' ? '校长' : u.username) }))))
        .catch(() => undefined);
    }
    return () => { cancelled = true; };
  }, [user.role]);

  const mentionables = useMemo(() => {
    const result = new Map<string, Mentionable>();
    for (const name of departments) result.set(name, { name, detail: '部门' });
    for (const member of members) if (!result.has(member.name)) result.set(member.name, member);
    for (const thread of threads ?? []) {
      for (const comment of thread.comments) {
        if (!result.has(comment.author.name)) result.set(comment.author.name, { name: comment.author.name, detail: '成员' });
      }
    }
    result.delete(user.displayName);
    return [...result.values()];
  }, [departments, members, threads, user.displayName]);

  const run = useCallback(async (request: () => Promise<unknown>) => {
    try {
      await request();
      return true;
    } catch (error) {
      setNotice(error instanceof ApiFailure ? error.message : '操作失败，请重试');
      return false;
    }
  }, []);

  const sectionAction = useCallback(async (sectionKey: string, action: SectionAction, reason?: string) => {
    const done = await run(() => api('POST', `/api/reports/${encodeURIComponent(reportId)}/sections/${encodeURIComponent(sectionKey)}/${action}`,
      reason === undefined ? {} : { reason }));
    // The meta room announces it too; asking now makes the acting page change at once.
    await Promise.all([refreshReport(), action === 'return' ? refreshThreads() : undefined]);
    return done;
  }, [run, reportId, refreshReport, refreshThreads]);

  const addThread = useCallback((thread: ThreadView) => {
    setThreads((current) => (current && !current.some((t) => t.id === thread.id) ? [...current, thread] : current));
  }, []);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  // A link from 需要我处理 (`?thread=`) opens the report at that thread once it is known.
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || !threads || !active) return;
    revealed.current = true;
    const thread = threads.find((t) => t.id === active);
    if (thread) revealThread(thread);
  }, [threads, active]);

  useThreadStyles(threads, active);

  const value = useMemo<Review>(() => {
    const bySection = new Map<string, ThreadView[]>();
    for (const thread of threads ?? []) bySection.set(thread.sectionKey, [...(bySection.get(thread.sectionKey) ?? []), thread]);
    return {
      report, sessions, threads, active, setActive, mentionables, versionsRevision, historyKey, openHistory,
      refreshThreads, run, sectionAction, addThread,
      threadsOf: (key) => bySection.get(key) ?? [],
      openThreadCount: (key) => threads
        ? (bySection.get(key) ?? []).filter((t) => !t.resolved).length
        : report.sections.find((s) => s.key === key)?.openThreads ?? 0,
    };
  }, [report, sessions, threads, active, mentionables, versionsRevision, historyKey, refreshThreads, run, sectionAction, addThread]);

  return (
    <ReviewContext.Provider value={value}>
      {children}
      {historyKey && <HistoryDrawer sectionKey={historyKey} onClose={() => openHistory(null)} />}
      {notice && (
        <div className="review-notice" role="alert">
          {notice}
          <button type="button" className="review-notice-close" aria-label="关闭" onClick={() => setNotice(null)}>×</button>
        </div>
      )}
    </ReviewContext.Provider>
  );
}
