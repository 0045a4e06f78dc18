import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Accounts } from '../accounts/Accounts.js';
import { invalid, notFound } from '../errors.js';
import { localsOf, requireActor } from '../http/authenticate.js';
import { can } from '../policies/index.js';
import type { Store } from '../storage/Store.js';
import { attachmentLabel } from './attachmentLabel.js';
import { contentDisposition } from './contentDisposition.js';
import { EXPORT_FORMATS, exportReport } from './exportReport.js';
import type { DraftStatus } from './model.js';

export interface ExportRouteDeps {
  store: Store;
  accounts: Accounts;
  /** Whether the report is still a draft and which problems are open (approval and checks decide). */
  draftStatus: (reportId: string) => DraftStatus | Promise<DraftStatus>;
}

const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** 「附件4」 on the first line when the report goes out as attachment 4 of a notice; '' for none; absent: the report's own. */
  attachment: z.string().max(8).optional(),
  /** `open`: the .docx carries the unresolved threads as Word comments; other formats ignore it. */
  comments: z.string().optional(),
});

/**
 * Mounted at /api/reports: `GET /:id/export?format=docx|pdf|html|md[&attachment=4][&comments=open]` → the file.
 * 400 for a bad format, 404 for a report that does not exist or belongs to another organisation.
 */
export function exportRoutes(deps: ExportRouteDeps): Router {
  const router = Router();

  router.get('/:id/export', requireActor(deps.accounts), async (req: Request<{ id: string }>, res) => {
    const query = exportQuery.safeParse(req.query);
    if (!query.success) throw invalid(`导出格式应为 ${EXPORT_FORMATS.join('、')} 之一`);
    const { comments } = query.data;
    if (comments !== undefined && comments !== 'open') throw invalid('comments 只能为 open（导出未解决的批注）');
    const report = await deps.store.reports.get(req.params.id);
    // Another organisation's report answers exactly like a missing one.
    if (!report || !can(localsOf(res).actor, 'report.read', report)) throw notFound();
    let label: string | null;
    try {
      label = attachmentLabel(query.data.attachment, report.attachmentLabel);
    } catch (err) {
      throw invalid((err as Error).message);
    }
    const file = await exportReport(deps.store, report, query.data.format, await deps.draftStatus(report.id), { attachmentLabel: label, comments: comments ?? null });
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.filename),
      'Cache-Control': 'private, no-store',
    });
    res.send(file.body);
  });

  return router;
}
