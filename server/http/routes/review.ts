import { Router } from 'express';
import { z } from 'zod';
import { SECTION_ACTIONS } from '../../../shared/review.js';
import type { Accounts } from '../../accounts/Accounts.js';
import type { Versions } from '../../review/Versions.js';
import type { Workflow } from '../../review/Workflow.js';
import { localsOf, requireActor } from '../authenticate.js';

const transition = z.object({ reason: z.string().max(2000).optional() });
const namedVersion = z.object({ name: z.string().trim().min(1, '请填写版本名称').max(100) });
const diffQuery = z.object({ against: z.string().min(1).max(64) });

/** Section workflow, the report's 定稿, and version history. Mounted at /api. */
export function reviewRoutes(accounts: Accounts, workflow: Workflow, versions: Versions) {
  const router = Router();
  const auth = requireActor(accounts);

  for (const action of SECTION_ACTIONS) {
    router.post(`/reports/:id/sections/:key/${action}`, auth, async (req, res) => {
      const { reason } = transition.parse(req.body ?? {});
      await workflow.act(localsOf(res).actor, String(req.params.id), String(req.params.key), action, reason ?? null);
      res.status(204).end();
    });
  }

  router.post('/reports/:id/finalize', auth, async (req, res) => {
    await workflow.finalize(localsOf(res).actor, String(req.params.id));
    res.status(204).end();
  });

  router.post('/reports/:id/reopen', auth, async (req, res) => {
    await workflow.reopen(localsOf(res).actor, String(req.params.id));
    res.status(204).end();
  });

  router.get('/reports/:id/transitions', auth, async (req, res) => {
    res.json({ transitions: await workflow.history(localsOf(res).actor, String(req.params.id)) });
  });

  router.get('/reports/:id/sections/:key/versions', auth, async (req, res) => {
    res.json({ versions: await versions.list(localsOf(res).actor, String(req.params.id), String(req.params.key)) });
  });

  router.post('/reports/:id/sections/:key/versions', auth, async (req, res) => {
    const { name } = namedVersion.parse(req.body);
    await versions.createNamed(localsOf(res).actor, String(req.params.id), String(req.params.key), name);
    res.status(201).json({});
  });

  router.get('/versions/:id', auth, async (req, res) => {
    res.json(await versions.content(localsOf(res).actor, String(req.params.id)));
  });

  router.get('/versions/:id/diff', auth, async (req, res) => {
    const { against } = diffQuery.parse(req.query);
    res.json(await versions.diff(localsOf(res).actor, String(req.params.id), against));
  });

  router.post('/versions/:id/restore', auth, async (req, res) => {
    await versions.restore(localsOf(res).actor, String(req.params.id));
    res.status(204).end();
  });

  return router;
}
