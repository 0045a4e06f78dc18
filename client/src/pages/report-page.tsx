import type { ReportView } from '../../../shared/api.js';
import { ReportWorkspace } from '../report/report-workspace.js';
import { ReviewProvider } from '../report/review/review-context.js';
import { useSectionSessions } from '../report/use-section-sessions.js';
import { useSession } from '../session.js';
import { AppShell } from '../ui/app-shell.js';
import { useApiData } from '../ui/use-api-data.js';
import { NotFoundPage } from './not-found-page.js';

export function ReportPage({ reportId }: { reportId: string }) {
  const [report, , setReport] = useApiData<ReportView>(`/api/reports/${encodeURIComponent(reportId)}`);

  if (report.phase === 'failed') {
    return (
      <AppShell>
        <NotFoundPage message={report.failure.status === 404 ? '找不到这份报告，或您无权查看' : report.failure.message} />
      </AppShell>
    );
  }
  if (report.phase === 'loading') return <div className="app-loading">正在打开报告…</div>;
  return <ReportEditor report={report.data} onReportChanged={setReport} />;
}

/** Mounts once the report's structure is known; owns the sections' collaboration sessions. */
function ReportEditor({ report, onReportChanged }: { report: ReportView; onReportChanged(report: ReportView): void }) {
  const { user } = useSession();
  const sessions = useSectionSessions(report, user);
  if (!sessions) return <div className="app-loading">正在打开报告…</div>;
  return (
    <ReviewProvider report={report} sessions={sessions} onReportChanged={onReportChanged}>
      <ReportWorkspace report={report} sessions={sessions} onReportChanged={onReportChanged} />
    </ReviewProvider>
  );
}
