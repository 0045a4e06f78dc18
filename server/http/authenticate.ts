import type { NextFunction, Request, Response } from 'express';
import type { Accounts } from '../accounts/Accounts.js';
import type { Actor } from '../accounts/Actor.js';
import { unauthenticated } from '../errors.js';
import { credentialOf, type Credential } from './credentials.js';

export interface AuthLocals {
  actor: Actor;
  credential: Credential;
}

/** Puts the signed-in actor in `res.locals`; a missing, expired or disabled session gets 401. */
export function requireActor(accounts: Accounts) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const credential = credentialOf(req);
    const actor = await accounts.authenticate(credential?.token);
    if (!credential || !actor || actor.disabled) throw unauthenticated();
    Object.assign(res.locals, { actor, credential } satisfies AuthLocals);
    next();
  };
}

export function localsOf(res: Response): AuthLocals {
  return res.locals as AuthLocals;
}
