import { useState, type FormEvent } from 'react';
import type { ImportedReport } from '../../../shared/reportAdmin.js';
import { ApiFailure } from '../api.js';
import { navigate } from '../router.js';
import { Modal } from '../ui/modal.js';
import { uploadReport } from './upload-report.js';

/** Import an existing report (.docx or .txt): upload, read what was normalised, open it. */
export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<ImportedReport | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setImported(await uploadReport(file));
      onImported();
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '导入失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="导入报告" onClose={onClose}>
      {imported ? (
        <div className="import-result">
          <p className="notice">导入成功。导入时做了以下处理，请打开报告核对：</p>
          {imported.normalisations.length === 0
            ? <p className="muted">原文格式规范，未做任何调整。</p>
            : <ul className="normalisations">{imported.normalisations.map((n) => <li key={n}>{n}</li>)}</ul>}
          <div className="modal-actions">
            <button type="button" className="button-primary" onClick={() => navigate(`/reports/${encodeURIComponent(imported.id)}`)}>打开报告</button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="modal-form">
          <p className="muted">上传往年的自评报告（Word .docx 或纯文本 .txt，最大 5 MB）。系统会识别各部分标题、分配负责部门，并说明对编号和标点所做的调整。</p>
          <label className="field">
            <span className="field-label">报告文件</span>
            <input type="file" name="file" accept=".docx,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          {error && <p className="form-error" role="alert">{error}</p>}
          <div className="modal-actions">
            <button type="submit" className="button-primary" disabled={!file || busy}>{busy ? '正在导入…' : '导入'}</button>
          </div>
        </form>
      )}
    </Modal>
  );
}
