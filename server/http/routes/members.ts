import { Router } from 'express';
import { z } from 'zod';
import type { Member, MemberDirectory } from '../../../shared/api.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { Accounts } from '../../accounts/Accounts.js';
import type { Actor } from '../../accounts/Actor.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { can } from '../../policies/index.js';
import type { Store, UserRecord } from '../../storage/Store.js';
import { localsOf, requireActor } from '../authenticate.js';

const newMember = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名只能包含字母、数字、下划线、点和连字符（2–32 位）'),
  displayName: z.string().trim().min(1).max(32),
  role: z.enum(ROLES),
  department: z.string().trim().min(1).nullable(),
  password: z.string().max(256),
});

const memberPatch = z.object({
  displayName: z.string().trim().min(1).max(32).optional(),
  role: z.enum(ROLES).optional(),
  department: z.string().trim().min(1).nullable().optional(),
  disabled: z.boolean().optional(),
}).strict();

const newPassword = z.object({ password: z.string().max(256) });

/** A member as `actor` sees it: `canManage` says whether they may change or reset this one. */
function memberView(actor: Actor, user: UserRecord): Member {
  const { id, username, displayName, role, department, disabled } = user;
  const canManage = can(actor, 'member.update', { orgId: actor.orgId, target: user });
  return { id, username, displayName, role, department, disabled, canManage };
}

/** Mounted at /api/users: the organisation's members, for admins and the principal. */
export function memberRoutes(accounts: Accounts, store: Store) {
  const router = Router();
  router.use(requireActor(accounts));

  const requireManager = (actor: Actor) => {
    if (!can(actor, 'members.manage', { orgId: actor.orgId })) throw forbidden();
  };
  const requireAssignable = (actor: Actor, role: Role | undefined) => {
    if (role && !can(actor, 'member.assignRole', { orgId: actor.orgId, role })) throw forbidden();
  };
  const targetFor = async (actor: Actor, id: string) => {
    requireManager(actor);
    const target = await store.users.get(id);
    if (!target || target.orgId !== actor.orgId) throw notFound();
    if (!can(actor, 'member.update', { orgId: actor.orgId, target })) throw forbidden();
    return target;
  };

  router.get('/', async (_req, res) => {
    const { actor } = localsOf(res);
    requireManager(actor);
    const users = (await accounts.listUsers(actor.orgId)).map((user) => memberView(actor, user));
    const assignableRoles = ROLES.filter((role) => can(actor, 'member.assignRole', { orgId: actor.orgId, role }));
    res.json({ users, assignableRoles } satisfies MemberDirectory);
  });

  router.post('/', async (req, res) => {
    const { actor } = localsOf(res);
    requireManager(actor);
    const input = newMember.parse(req.body);
    requireAssignable(actor, input.role);
    const user = await accounts.createUser({ ...input, orgId: actor.orgId });
    res.status(201).json({ user: memberView(actor, user) });
  });

  router.patch('/:id', async (req, res) => {
    const { actor } = localsOf(res);
    const target = await targetFor(actor, req.params.id);
    const patch = memberPatch.parse(req.body);
    if (target.id === actor.id && (patch.disabled || (patch.role && patch.role !== actor.role))) {
      throw invalid('不能停用自己的账号或修改自己的角色');
    }
    requireAssignable(actor, patch.role);
    res.json({ user: memberView(actor, await accounts.updateUser(target.id, patch)) });
  });

  router.post('/:id/password', async (req, res) => {
    const { actor } = localsOf(res);
    const target = await targetFor(actor, req.params.id);
    await accounts.resetPassword(target.id, newPassword.parse(req.body).password);
    res.status(204).end();
  });

  return router;
}
