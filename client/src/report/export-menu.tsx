import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { ReportView } from '../../../shared/api.js';

type ExportFormat = 'docx' | 'pdf' | 'html' | 'md';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'docx', label: 'Word（.docx）' },
  { format: 'pdf', label: 'PDF' },
  { format: 'html', label: '网页（HTML）' },
  { format: 'md', label: 'Markdown' },
];

interface ExportOptions {
  /** Only Word carries comments. */
  openComments: boolean;
  /** 「附件N」 on the first line, when the report goes out as attachment N of a notice; '' for none. */
  attachment: string;
}

/** The download address; the session cookie authenticates a plain link. */
export function exportUrl(reportId: string, format: ExportFormat, { openComments, attachment }: ExportOptions): string {
  // Always sent: an empty value asks for no label, where leaving it out would mean the report's own.
  const query = new URLSearchParams({ format, attachment });
  if (openComments && format === 'docx') query.set('comments', 'open');
  return `/api/reports/${encodeURIComponent(reportId)}/export?${query.toString()}`;
}

const MENU_STYLE: CSSProperties = {
  position: 'absolute', right: 0, top: 'calc(100% + 4px)', zIndex: 20, minWidth: '13rem', padding: '0.25rem 0',
  display: 'flex', flexDirection: 'column', background: '#fff', border: '1px solid #d0d0d0', borderRadius: 6,
  boxShadow: '0 4px 16px rgba(0, 0, 0, 0.12)',
};
const ITEM_STYLE: CSSProperties = { padding: '0.4rem 0.9rem', color: 'inherit', textDecoration: 'none', whiteSpace: 'nowrap' };

/** 「导出」 in the report's top bar: the report as stored, in each export format. */
export function ExportMenu({ report }: { report: Pick<ReportView, 'id' | 'attachmentLabel'> }) {
  const reportId = report.id;
  const [open, setOpen] = useState(false);
  const [withComments, setWithComments] = useState(false);
  // An imported report that began with 「附件4」 offers 4; the person may clear or change it.
  const [attachment, setAttachment] = useState(report.attachmentLabel?.replace(/^附件/, '') ?? '');
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="export-menu" ref={root} style={{ position: 'relative' }}>
      <button type="button" className="button-quiet" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        导出 ▾
      </button>
      {open && (
        <div role="menu" aria-label="导出" style={MENU_STYLE}>
          {FORMATS.map(({ format, label }) => (
            <a key={format} role="menuitem" href={exportUrl(reportId, format, { openComments: withComments, attachment })} download style={ITEM_STYLE}
              onClick={() => setOpen(false)}>
              {label}
            </a>
          ))}
          <label style={{ ...ITEM_STYLE, borderTop: '1px solid #eee', marginTop: '0.25rem', paddingTop: '0.5rem', cursor: 'pointer' }}>
            <input type="checkbox" checked={withComments} onChange={(event) => setWithComments(event.target.checked)} />
            {' '}含未解决的批注（Word）
          </label>
          <label style={ITEM_STYLE}>
            作为附件{' '}
            {/* GB/T 9704: 「附件4」 flush left on the first line; digits only (the server checks 1–99). */}
            <input type="text" inputMode="numeric" maxLength={2} size={3} placeholder="编号" aria-label="附件编号" value={attachment}
              onChange={(event) => setAttachment(event.target.value.replace(/\D/g, ''))} />
          </label>
        </div>
      )}
    </div>
  );
}
