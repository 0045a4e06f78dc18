import { useState, type FormEvent } from 'react';
import type { ReportSummary } from '../../../shared/api.js';
import type { CreatedReport } from '../../../shared/reportAdmin.js';
import { api, ApiFailure } from '../api.js';
import { navigate } from '../router.js';
import { Modal } from '../ui/modal.js';

/** 新建报告: from the standard template, or carried over from an earlier year's report. */
export function NewReportDialog({ reports, onClose }: { reports: readonly ReportSummary[]; onClose(): void }) {
  const latest = [...reports].sort((a, b) => b.year - a.year)[0];
  const [year, setYear] = useState(String(latest ? latest.year + 1 : new Date().getFullYear() - 1));
  const [from, setFrom] = useState(latest?.id ?? 'template');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { year: Number(year), from, ...(title.trim() ? { title: title.trim() } : {}) };
      const created = await api<CreatedReport>('POST', '/api/reports', body);
      navigate(`/reports/${encodeURIComponent(created.id)}`);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '创建失败，请重试');
      setBusy(false);
    }
  };

  return (
    <Modal title="新建报告" onClose={onClose}>
      <form className="modal-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">年度</span>
          <input name="year" type="number" min={2000} max={2100} value={year} required onChange={(e) => setYear(e.target.value)} />
        </label>
        <fieldset className="field choice">
          <legend className="field-label">从哪里开始</legend>
          {reports.map((report) => (
            <label key={report.id}>
              <input type="radio" name="from" value={report.id} checked={from === report.id} onChange={() => setFrom(report.id)} />
              沿用「{report.title}」：保留结构和文字，清空表格数字，正文中的旧数字标出待核对
            </label>
          ))}
          <label>
            <input type="radio" name="from" value="template" checked={from === 'template'} onChange={() => setFrom('template')} />
            标准模板：八个部分，按惯例分配给各部门，内容为空
          </label>
        </fieldset>
        <label className="field">
          <span className="field-label">标题（可不填）</span>
          <input name="title" value={title} placeholder={`${year}年度部门整体支出绩效自评报告`} onChange={(e) => setTitle(e.target.value)} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="submit" className="button-primary" disabled={busy}>{busy ? '正在创建…' : '创建'}</button>
        </div>
      </form>
    </Modal>
  );
}
