import type { ReportView } from '../../../shared/api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { UserBadge } from '../ui/app-shell.js';
import { ChecksPanel } from './checks/checks-panel.js';
import { ProblemsContext } from './checks/problems-context.js';
import { useReportChecks } from './checks/use-report-checks.js';
import { ConnectionIndicator } from './connection-indicator.js';
import { useReportConnection } from './connection-state.js';
import { ExportMenu } from './export-menu.js';
import { PresenceAvatars } from './presence-avatars.js';
import { usePresence } from './presence.js';
import { ReportToc } from './report-toc.js';
import { ReportToolbar } from './report-toolbar.js';
import { ReviewBarActions, ReviewProgressSummary } from './review/progress.js';
import { ReviewMargin } from './review/review-margin.js';
import { SectionBlock } from './section-block.js';
import { ManageSectionsButton } from './sections/manage-sections-button.js';
import type { SectionSession } from './section-session.js';
import { useFocusedSection } from './use-focused-section.js';
import { useSectionFromLink } from './use-section-from-link.js';
import { userColor } from './user-color.js';

/** The report editing page: top bar, outline, toolbar and the report as one paper column. */
export function ReportWorkspace({ report, sessions, onReportChanged }:
  { report: ReportView; sessions: SectionSession[]; onReportChanged(report: ReportView): void }) {
  const { user } = useSession();
  const connection = useReportConnection(sessions);
  const participants = usePresence(sessions, { id: user.id, name: user.displayName, color: userColor(user.id) });
  const focused = useFocusedSection(sessions);
  const focusedLabel = focused ? `${focused.section.number}、${focused.section.title}` : null;
  const problems = useReportChecks(sessions, report.sections);
  useSectionFromLink(connection === 'connected' || connection === 'saved');

  return (
    <div className="report-page">
      <header className="report-bar">
        <Link className="report-back" href="/reports" title="返回报告列表">‹ 报告</Link>
        <div className="report-bar-title" title={report.title}>{report.title}</div>
        {report.canManage && <ManageSectionsButton report={report} onChanged={onReportChanged} />}
        <ReviewBarActions />
        <ExportMenu report={report} />
        <PresenceAvatars participants={participants} sections={report.sections} />
        <ConnectionIndicator state={connection} />
        <UserBadge />
      </header>
      <ProblemsContext.Provider value={problems}>
        <div className="report-layout">
          <aside className="report-aside">
            <ReviewProgressSummary />
            <ReportToc sections={report.sections} participants={participants} currentKey={focused?.section.key ?? null} />
          </aside>
          <main className="report-main">
            <ReportToolbar editor={focused?.editor ?? null} sectionLabel={focusedLabel} />
            <article className="paper" aria-label={report.title}>
              <h1 className="paper-title">{report.title}</h1>
              {sessions.map((session) => (
                <SectionBlock key={session.id} session={session} participants={participants} />
              ))}
              <ReviewMargin />
            </article>
          </main>
          <aside className="report-checks">
            <ChecksPanel problems={problems} sections={report.sections} />
          </aside>
        </div>
      </ProblemsContext.Provider>
    </div>
  );
}
