import { Router } from 'express';
import type { InboxView } from '../../../shared/reviewApi.js';
import type { Accounts } from '../../accounts/Accounts.js';
import type { Reports } from '../../reports/Reports.js';
import type { Comments } from '../../review/Comments.js';
import { localsOf, requireActor } from '../authenticate.js';

/** 需要我处理: sections waiting for the user and threads that mention them. Mounted at /api. */
export function inboxRoutes(accounts: Accounts, reports: Reports, comments: Comments) {
  const router = Router();
  router.get('/inbox', requireActor(accounts), async (_req, res) => {
    const { actor } = localsOf(res);
    const inbox: InboxView = { sections: await reports.tasksFor(actor), threads: await comments.inbox(actor) };
    res.json(inbox);
  });
  return router;
}
