import { Router } from 'express';
import type { Accounts } from '../../accounts/Accounts.js';
import type { Store } from '../../storage/Store.js';
import { localsOf, requireActor } from '../authenticate.js';

/** Mounted at /api/departments: the departments of the signed-in user's organisation. */
export function departmentRoutes(accounts: Accounts, store: Store) {
  const router = Router();
  router.get('/', requireActor(accounts), async (_req, res) => {
    res.json({ departments: await store.orgs.departments(localsOf(res).actor.orgId) });
  });
  return router;
}
