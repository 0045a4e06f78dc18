import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Store } from '../storage/Store.js';
import { attachmentLabel } from './attachmentLabel.js';
import { EXPORT_FORMATS, exportReport, isExportFormat } from './exportReport.js';
import { CLEAN_EXPORT, type DraftStatus } from './model.js';

export const EXPORT_USAGE = `  npm run cli -- export REPORT_ID --format docx|pdf|html|md [--out FILE] [--attachment N] [--comments open]

Exports a report from the stored section documents. Without --out the file is written to the
current directory under the report's title (2024年度部门整体支出绩效自评报告.docx).
--comments open puts the unresolved comment threads into a .docx as Word comments.`;

export interface ExportCommandOptions {
  print?: (line: string) => void;
  /** Whether the report is still a draft and its open problems; a clean export when left out. */
  draftStatus?: (reportId: string) => DraftStatus | Promise<DraftStatus>;
}

/** `export REPORT_ID --format docx --out file.docx`: `argv` is what follows the word `export`. */
export async function exportCommand(store: Store, argv: string[], options: ExportCommandOptions = {}): Promise<string> {
  const print = options.print ?? ((line: string) => console.log(line));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' }, out: { type: 'string' }, attachment: { type: 'string' }, comments: { type: 'string' } },
  });
  const [reportId, extra] = positionals;
  if (!reportId || extra !== undefined) throw new Error(`export needs exactly one REPORT_ID\n\n${EXPORT_USAGE}`);
  const format = values.format ?? 'docx';
  if (!isExportFormat(format)) throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  if (values.comments !== undefined && values.comments !== 'open') throw new Error('--comments must be open');
  const report = await store.reports.get(reportId);
  if (!report) throw new Error(`no report "${reportId}"`);
  const draft = options.draftStatus ? await options.draftStatus(report.id) : CLEAN_EXPORT;
  const file = await exportReport(store, report, format, draft, {
    attachmentLabel: attachmentLabel(values.attachment, report.attachmentLabel), comments: values.comments === 'open' ? 'open' : null,
  });
  const out = values.out ?? file.filename;
  await fs.writeFile(out, file.body);
  print(`wrote ${out} (${file.body.length} bytes${draft.draft ? `, draft with ${draft.problems.length} open problems` : ''})`);
  return out;
}
