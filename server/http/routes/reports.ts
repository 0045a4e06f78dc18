import { Router } from 'express';
import type { Accounts } from '../../accounts/Accounts.js';
import type { Reports } from '../../reports/Reports.js';
import { localsOf, requireActor } from '../authenticate.js';

export function reportRoutes(accounts: Accounts, reports: Reports) {
  const router = Router();
  router.use(requireActor(accounts));

  router.get('/', async (_req, res) => {
    res.json({ reports: await reports.listFor(localsOf(res).actor) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await reports.viewFor(localsOf(res).actor, req.params.id));
  });

  return router;
}
