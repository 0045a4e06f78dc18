import { useState, type FormEvent } from 'react';
import type { ReportView, SectionView } from '../../../../shared/api.js';
import { api, ApiFailure } from '../../api.js';
import { useApiData } from '../../ui/use-api-data.js';

/**
 * Retitle the report; rename, reorder, reassign and add sections. Every change is saved at once;
 * the numbers (一、二、…) follow the order and are never typed.
 */
export function SectionManager({ report, onChanged }: { report: ReportView; onChanged(report: ReportView): void }) {
  const [departments] = useApiData<{ departments: string[] }>('/api/departments');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = departments.phase === 'ready' ? departments.data.departments : [];
  const base = `/api/reports/${encodeURIComponent(report.id)}/sections`;

  const save = async (request: () => Promise<ReportView>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await request());
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  const patch = (section: SectionView, body: { title?: string; department?: string }) =>
    save(() => api<ReportView>('PATCH', `${base}/${encodeURIComponent(section.key)}`, body));
  const move = (index: number, by: number) => {
    const keys = report.sections.map((s) => s.key);
    const [moved] = keys.splice(index, 1);
    keys.splice(index + by, 0, moved!);
    void save(() => api<ReportView>('PUT', `${base}/order`, { keys }));
  };
  const retitle = (title: string) => save(() => api<ReportView>('PATCH', `/api/reports/${encodeURIComponent(report.id)}`, { title }));
  const add = (title: string, department: string) =>
    save(async () => (await api<{ report: ReportView }>('POST', base, { title, department })).report);

  return (
    <div className="section-manager">
      <label className="field">
        <span className="field-label">报告标题</span>
        <input className="manager-report-title" defaultValue={report.title} maxLength={100} disabled={busy}
          onBlur={(e) => { const title = e.target.value.trim(); if (title && title !== report.title) void retitle(title); }}
          onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); }} />
      </label>
      <table className="manager-table">
        <thead><tr><th>序号</th><th>标题</th><th>负责部门</th><th>顺序</th></tr></thead>
        <tbody>
          {report.sections.map((section, index) => (
            <tr key={section.key} data-key={section.key}>
              <td className="manager-number">{section.number}、</td>
              <td>
                <input className="manager-title" defaultValue={section.title} aria-label={`第${section.number}部分标题`} disabled={busy}
                  onBlur={(e) => { const title = e.target.value.trim(); if (title && title !== section.title) void patch(section, { title }); }}
                  onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); }} />
              </td>
              <td>
                <select value={section.department} aria-label={`第${section.number}部分负责部门`} disabled={busy}
                  onChange={(e) => void patch(section, { department: e.target.value })}>
                  {[...new Set([section.department, ...options])].map((d) => <option key={d} value={d}>{d}</option>)}
                </select>
              </td>
              <td className="manager-order">
                <button type="button" className="button-quiet" aria-label="上移" disabled={busy || index === 0} onClick={() => move(index, -1)}>↑</button>
                <button type="button" className="button-quiet" aria-label="下移" disabled={busy || index === report.sections.length - 1}
                  onClick={() => move(index, 1)}>↓</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddSectionForm departments={options} busy={busy} onAdd={add} />
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}

function AddSectionForm({ departments, busy, onAdd }: { departments: string[]; busy: boolean; onAdd(title: string, department: string): Promise<void> }) {
  const [title, setTitle] = useState('');
  const [department, setDepartment] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await onAdd(title.trim(), department || departments[0] || '');
    setTitle('');
  };
  return (
    <form className="manager-add" onSubmit={submit} aria-label="添加部分">
      <input value={title} placeholder="新部分的标题，如「自评结果拟应用和公开情况」" aria-label="新部分标题" required
        onChange={(e) => setTitle(e.target.value)} />
      <select value={department || departments[0] || ''} aria-label="新部分负责部门" onChange={(e) => setDepartment(e.target.value)}>
        {departments.map((d) => <option key={d} value={d}>{d}</option>)}
      </select>
      <button type="submit" className="button-primary" disabled={busy || title.trim() === ''}>添加到末尾</button>
    </form>
  );
}
