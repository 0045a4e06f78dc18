import { Router } from 'express';
import { z } from 'zod';
import type { Accounts } from '../../accounts/Accounts.js';
import type { Comments } from '../../review/Comments.js';
import { localsOf, requireActor } from '../authenticate.js';

// The author is never part of a request: it is the signed-in user. Unknown fields are refused.
const newThread = z.object({
  anchor: z.string().min(1).max(512),
  head: z.string().min(1).max(512),
  body: z.string().max(5000),
}).strict();
const commentBody = z.object({ body: z.string().max(5000) }).strict();

/** Comment threads and replies. Mounted at /api. */
export function commentRoutes(accounts: Accounts, comments: Comments) {
  const router = Router();
  const auth = requireActor(accounts);

  router.get('/reports/:id/threads', auth, async (req, res) => {
    res.json({ threads: await comments.list(localsOf(res).actor, String(req.params.id)) });
  });

  router.post('/reports/:id/sections/:key/threads', auth, async (req, res) => {
    const thread = await comments.create(localsOf(res).actor, String(req.params.id), String(req.params.key), newThread.parse(req.body));
    res.status(201).json({ thread });
  });

  router.post('/threads/:id/comments', auth, async (req, res) => {
    await comments.reply(localsOf(res).actor, String(req.params.id), commentBody.parse(req.body).body);
    res.status(201).json({});
  });

  router.post('/threads/:id/resolve', auth, async (req, res) => {
    await comments.setResolved(localsOf(res).actor, String(req.params.id), true);
    res.status(204).end();
  });

  router.post('/threads/:id/reopen', auth, async (req, res) => {
    await comments.setResolved(localsOf(res).actor, String(req.params.id), false);
    res.status(204).end();
  });

  router.patch('/comments/:id', auth, async (req, res) => {
    await comments.edit(localsOf(res).actor, String(req.params.id), commentBody.parse(req.body).body);
    res.status(204).end();
  });

  router.delete('/comments/:id', auth, async (req, res) => {
    await comments.remove(localsOf(res).actor, String(req.params.id));
    res.status(204).end();
  });

  return router;
}
