import { Router } from 'express';
import type { ReportChecks } from '../../../shared/reportAdmin.js';
import type { Accounts } from '../../accounts/Accounts.js';
import { notFound } from '../../errors.js';
import { can } from '../../policies/index.js';
import { checkStoredReport } from '../../reports/ReportChecks.js';
import type { Store } from '../../storage/Store.js';
import { localsOf, requireActor } from '../authenticate.js';

/** Mounted at /api/reports: GET /:id/checks runs the check engine over the stored sections. */
export function checkRoutes(accounts: Accounts, store: Store) {
  const router = Router();
  router.use(requireActor(accounts));

  router.get('/:id/checks', async (req, res) => {
    const report = await store.reports.get(req.params.id);
    if (!report || !can(localsOf(res).actor, 'report.read', report)) throw notFound();
    res.json({ problems: await checkStoredReport(store, report) } satisfies ReportChecks);
  });

  return router;
}
