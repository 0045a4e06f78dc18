import { Router, type Response } from 'express';
import { loginRequest } from '../../../shared/api.js';
import type { Accounts } from '../../accounts/Accounts.js';
import { toSessionUser } from '../../accounts/Actor.js';
import { SESSION_COOKIE } from '../credentials.js';
import { localsOf, requireActor } from '../authenticate.js';

export function sessionRoutes(accounts: Accounts, options: { secureCookies: boolean; sessionTtlMs: number }) {
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies, path: '/' };

  router.post('/', async (req, res: Response) => {
    const { username, password } = loginRequest.parse(req.body);
    const { token, actor } = await accounts.login(req.ip ?? 'unknown', username, password);
    res.cookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: options.sessionTtlMs });
    res.json({ token, user: toSessionUser(actor) });
  });

  router.get('/', requireActor(accounts), (_req, res) => {
    res.json({ user: toSessionUser(localsOf(res).actor) });
  });

  router.delete('/', requireActor(accounts), async (_req, res) => {
    await accounts.logout(localsOf(res).credential.token);
    res.clearCookie(SESSION_COOKIE, cookieOptions).status(204).end();
  });

  return router;
}
