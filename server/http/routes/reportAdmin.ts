import { Router } from 'express';
import {
  addSectionRequest, createReportRequest, reportPatchRequest, sectionOrderRequest, sectionPatchRequest,
  type CreatedReport, type ImportedReport,
} from '../../../shared/reportAdmin.js';
import type { Accounts } from '../../accounts/Accounts.js';
import type { Actor } from '../../accounts/Actor.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { ImportError, importReport, MAX_IMPORT_BYTES } from '../../import/index.js';
import { can } from '../../policies/index.js';
import type { ReportBuilder } from '../../reports/ReportBuilder.js';
import { draftFromImport, draftFromLastYear, draftFromTemplate } from '../../reports/reportDrafts.js';
import type { Reports } from '../../reports/Reports.js';
import { requireFreeTitle } from '../../reports/reportTitles.js';
import type { SectionManager } from '../../reports/SectionManager.js';
import type { ReportRecord, Store } from '../../storage/Store.js';
import { localsOf, requireActor } from '../authenticate.js';
import { readUploadedFile } from '../uploadedFile.js';

export interface ReportAdminDeps {
  accounts: Accounts;
  store: Store;
  reports: Reports;
  builder: ReportBuilder;
  sections: SectionManager;
}

const IMPORT_STATUS: Record<ImportError['code'], number> = {
  empty: 422, 'too-large': 413, 'not-text': 422, 'unsupported-format': 415, 'bad-docx': 422, 'not-a-report': 422,
};

/** Mounted at /api/reports beside the read routes: creating and importing reports, managing sections (the principal). */
export function reportAdminRoutes(deps: ReportAdminDeps) {
  const router = Router();
  router.use(requireActor(deps.accounts));

  const requireCreator = (actor: Actor) => {
    if (!can(actor, 'report.create', { orgId: actor.orgId })) throw forbidden();
  };
  /** The report if the actor may manage it; another organisation's report is not found. */
  const managed = async (actor: Actor, reportId: string): Promise<ReportRecord> => {
    const report = await deps.store.reports.get(reportId);
    if (!report || !can(actor, 'report.read', report)) throw notFound();
    if (!can(actor, 'report.manage', report)) throw forbidden();
    return report;
  };

  router.post('/', async (req, res) => {
    const { actor } = localsOf(res);
    requireCreator(actor);
    const input = createReportRequest.parse(req.body);
    let draft;
    if (input.from === 'template') {
      draft = draftFromTemplate(actor.orgId, input.year, input.title);
    } else {
      const source = await deps.store.reports.get(input.from);
      if (!source || !can(actor, 'report.read', source)) throw notFound();
      draft = await draftFromLastYear(deps.store, source, input.year, input.title);
    }
    await requireFreeTitle(deps.store, actor.orgId, draft.title);
    const report = await deps.builder.build(draft);
    res.status(201).json({ id: report.id } satisfies CreatedReport);
  });

  router.post('/import', async (req, res) => {
    const { actor } = localsOf(res);
    requireCreator(actor);
    const file = await readUploadedFile(req, 'file', MAX_IMPORT_BYTES);
    let imported;
    try {
      imported = importReport(file.bytes, file.filename);
    } catch (error) {
      if (error instanceof ImportError) {
        throw new AppError(IMPORT_STATUS[error.code], error.code.replaceAll('-', '_'), error.message);
      }
      throw error;
    }
    const normalisations = [...imported.normalisations];
    let year = imported.year;
    if (year === null) {
      year = new Date().getFullYear() - 1;
      normalisations.push(`没有从标题或文件名中识别出年度，已按${year}年度处理`);
    }
    // The file's own title is kept even when another report has it: it is the document's heading,
    // and importing the report a server already holds (the demo's) must not fail or rename it.
    const report = await deps.builder.build(draftFromImport(actor.orgId, imported, year));
    res.status(201).json({ id: report.id, normalisations } satisfies ImportedReport);
  });

  router.patch('/:id', async (req, res) => {
    const { actor } = localsOf(res);
    const report = await managed(actor, req.params.id);
    await deps.sections.retitle(report, reportPatchRequest.parse(req.body).title);
    res.json(await deps.reports.viewFor(actor, report.id));
  });

  router.post('/:id/sections', async (req, res) => {
    const { actor } = localsOf(res);
    const report = await managed(actor, req.params.id);
    const section = await deps.sections.add(report, addSectionRequest.parse(req.body));
    res.status(201).json({ key: section.key, report: await deps.reports.viewFor(actor, report.id) });
  });

  router.put('/:id/sections/order', async (req, res) => {
    const { actor } = localsOf(res);
    const report = await managed(actor, req.params.id);
    await deps.sections.reorder(report, sectionOrderRequest.parse(req.body).keys);
    res.json(await deps.reports.viewFor(actor, report.id));
  });

  router.patch('/:id/sections/:key', async (req, res) => {
    const { actor } = localsOf(res);
    const report = await managed(actor, req.params.id);
    await deps.sections.update(report, req.params.key, sectionPatchRequest.parse(req.body));
    res.json(await deps.reports.viewFor(actor, report.id));
  });

  return router;
}
