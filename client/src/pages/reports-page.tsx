import { useState } from 'react';
import type { ReportSummary } from '../../../shared/api.js';
import { ImportDialog } from '../reports/import-dialog.js';
import { NewReportDialog } from '../reports/new-report-dialog.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { useApiData } from '../ui/use-api-data.js';

export function ReportsPage() {
  const [reports, reloadReports] = useApiData<{ reports: ReportSummary[] }>('/api/reports');
  const { user } = useSession();
  const [dialog, setDialog] = useState<'new' | 'import' | null>(null);

  return (
    <section className="page">
      <header className="page-header">
        <h1>报告</h1>
        <p className="page-lead">本单位的部门整体支出绩效自评报告。点开一份报告即可与同事一起撰写。</p>
        {user.role === 'principal' && (
          <div className="page-actions">
            <button type="button" className="button-primary" onClick={() => setDialog('new')}>新建报告</button>
            <button type="button" className="button-quiet" onClick={() => setDialog('import')}>导入报告</button>
          </div>
        )}
      </header>
      {dialog === 'new' && <NewReportDialog reports={reports.phase === 'ready' ? reports.data.reports : []} onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} onImported={reloadReports} />}
      {reports.phase === 'loading' && <p className="muted">正在加载…</p>}
      {reports.phase === 'failed' && <p className="form-error">{reports.failure.message}</p>}
      {reports.phase === 'ready' && reports.data.reports.length === 0 && (
        <div className="empty-state"><p>还没有报告。</p></div>
      )}
      {reports.phase === 'ready' && reports.data.reports.length > 0 && (
        <ul className="report-list">
          {[...reports.data.reports]
            .sort((a, b) => b.year - a.year)
            .map((report) => (
              <li key={report.id}>
                <Link className="report-card" href={`/reports/${encodeURIComponent(report.id)}`}>
                  <span className="report-card-year">{report.year} 年度</span>
                  <span className="report-card-title">{report.title}</span>
                  <span className="report-card-meta">
                    {report.finalized ? '已定稿 · ' : ''}已通过 {report.approvedCount}/{report.sectionCount} 个部分
                  </span>
                  <progress className="report-card-progress" max={report.sectionCount} value={report.approvedCount} aria-label="审阅进度" />
                </Link>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
