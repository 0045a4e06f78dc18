import type { ReportRecord, Store } from '../storage/Store.js';
import { loadExportModel, type LoadOptions } from './loadExportModel.js';
import type { DraftStatus, ExportModel } from './model.js';
import { renderHtml } from './renderHtml.js';
import { renderMarkdown } from './renderMarkdown.js';

export const EXPORT_FORMATS = ['docx', 'pdf', 'html', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The Word and PDF renderers (docx, pdfkit, fontkit: tens of megabytes once loaded) are imported
 * on the first export that needs them, not when the server starts: most processes never export.
 */
export async function renderExport(model: ExportModel, format: ExportFormat, draft: DraftStatus): Promise<Buffer> {
  switch (format) {
    case 'docx': return (await import('./renderDocx.js')).renderDocx(model, draft);
    case 'pdf': return (await import('./renderPdf.js')).renderPdf(model, draft);
    case 'html': return Buffer.from(renderHtml(model, draft), 'utf8');
    case 'md': return Buffer.from(renderMarkdown(model, draft), 'utf8');
  }
}

/** 「2024年度部门整体支出绩效自评报告.docx」: the title, less what a file name may not hold. */
export function exportFilename(title: string, format: ExportFormat): string {
  const name = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || '自评报告';
  return `${name}.${format}`;
}

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * A report exported from its stored section documents. Access is the caller's decision: the
 * HTTP route asks the policy first, the CLI and the benchmark act as the operator.
 */
export async function exportReport(
  store: Store, report: ReportRecord, format: ExportFormat, draft: DraftStatus, options: LoadOptions = {},
): Promise<ExportedFile> {
  // Only the .docx carries comments; the other formats do not even load them.
  const model = await loadExportModel(store, report, format === 'docx' ? options : { ...options, comments: null });
  return { filename: exportFilename(report.title, format), contentType: CONTENT_TYPES[format], body: await renderExport(model, format, draft) };
}
