import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Role } from '../../shared/roles.js';
import { AppError, invalid, notFound } from '../errors.js';
import { randomId } from '../ids.js';
import type { Store, UserPatch, UserRecord } from '../storage/Store.js';
import { toActor, type Actor } from './Actor.js';
import { LoginThrottle } from './LoginThrottle.js';
import { MIN_PASSWORD_LENGTH } from '../../shared/api.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.js';

export interface NewUser {
  orgId: string;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  password: string;
}

/** Why a user's open connections must be re-examined. */
export type AccessChange = 'disabled' | 'signed_out' | 'rights_changed';

/** A signed-in session. `id` names it without revealing its token; past `expiresAt` it is over. */
export interface Session {
  id: string;
  actor: Actor;
  expiresAt: number;
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/**
 * Users, passwords and sessions. Emits `access-changed` (userId, AccessChange) and
 * `session-ended` (session id, on sign-out) so the collaboration server can close sockets whose
 * rights no longer hold.
 */
export class Accounts extends EventEmitter<{
  'access-changed': [userId: string, change: AccessChange];
  'session-ended': [sessionId: string];
}> {
  private readonly throttle: LoginThrottle;

  constructor(private readonly store: Store, private readonly sessionTtlMs: number) {
    super();
    this.throttle = new LoginThrottle(store.loginFailures);
  }

  async login(address: string, username: string, password: string): Promise<{ token: string; actor: Actor }> {
    const outcome = await this.throttle.attempt(address, username, async () => {
      const user = await this.store.users.getByUsername(username);
      // Verify against a dummy hash for unknown users so timing does not reveal which part was wrong.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
      return ok ? user : undefined;
    });
    if ('retryAfterSeconds' in outcome) {
      throw new AppError(429, 'too_many_attempts', '尝试次数过多，请稍后再试', { 'Retry-After': String(outcome.retryAfterSeconds) });
    }
    const user = outcome.passed;
    if (!user) throw new AppError(401, 'invalid_credentials', '用户名或密码错误');
    if (user.disabled) throw new AppError(403, 'account_disabled', '账号已停用，请联系管理员');
    const token = crypto.randomBytes(32).toString('base64url');
    await this.store.sessions.create({ tokenHash: hashToken(token), userId: user.id, expiresAt: Date.now() + this.sessionTtlMs });
    return { token, actor: await this.actorFor(user) };
  }

  /** The actor behind a session token; a disabled user's actor is returned with `disabled: true`. */
  async authenticate(token: string | undefined): Promise<Actor | undefined> {
    return (await this.session(token))?.actor;
  }

  /** The live session behind a token (an expired one is deleted and not returned). */
  async session(token: string | undefined): Promise<Session | undefined> {
    return token ? this.sessionById(hashToken(token)) : undefined;
  }

  /** The live session with this id, as it stands now in the store. */
  async sessionById(id: string): Promise<Session | undefined> {
    const session = await this.store.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= Date.now()) {
      await this.store.sessions.delete(session.tokenHash);
      return undefined;
    }
    const user = await this.store.users.get(session.userId);
    return user && { id: session.tokenHash, actor: await this.actorFor(user), expiresAt: session.expiresAt };
  }

  async logout(token: string): Promise<void> {
    const id = hashToken(token);
    await this.store.sessions.delete(id);
    this.emit('session-ended', id);
  }

  async listUsers(orgId: string): Promise<UserRecord[]> {
    return this.store.users.listByOrg(orgId);
  }

  async getUser(id: string): Promise<UserRecord> {
    const user = await this.store.users.get(id);
    if (!user) throw notFound();
    return user;
  }

  async createUser(input: NewUser): Promise<UserRecord> {
    if (await this.store.users.getByUsername(input.username)) {
      throw new AppError(409, 'username_taken', `用户名“${input.username}”已被使用`);
    }
    await this.checkDepartment(input.orgId, input.role, input.department);
    this.checkPassword(input.password);
    const user: UserRecord = {
      id: randomId(), orgId: input.orgId, username: input.username, displayName: input.displayName,
      role: input.role, department: input.department, passwordHash: await hashPassword(input.password), disabled: false,
    };
    await this.store.users.create(user);
    return user;
  }

  async updateUser(id: string, patch: Omit<UserPatch, 'passwordHash'>): Promise<UserRecord> {
    const user = await this.getUser(id);
    const next = { ...user, ...patch };
    await this.checkDepartment(user.orgId, next.role, next.department);
    await this.store.users.update(id, patch);
    if (patch.disabled === true && !user.disabled) this.emit('access-changed', id, 'disabled');
    else if (next.role !== user.role || next.department !== user.department) this.emit('access-changed', id, 'rights_changed');
    return this.getUser(id);
  }

  /** Sets a new password and ends every session of that user. */
  async resetPassword(id: string, password: string): Promise<void> {
    await this.getUser(id);
    this.checkPassword(password);
    await this.store.users.update(id, { passwordHash: await hashPassword(password) });
    await this.store.sessions.deleteForUser(id);
    this.emit('access-changed', id, 'signed_out');
  }

  private async actorFor(user: UserRecord): Promise<Actor> {
    const org = await this.store.orgs.get(user.orgId);
    if (!org) throw new Error(`user ${user.id} belongs to missing org ${user.orgId}`);
    return toActor(user, org);
  }

  private checkPassword(password: string) {
    if (password.length < MIN_PASSWORD_LENGTH) throw invalid(`密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`);
  }

  private async checkDepartment(orgId: string, role: Role, department: string | null) {
    if (department === null) {
      if (role === 'dept_head') throw invalid('部门负责人必须属于一个部门');
      return;
    }
    const departments = await this.store.orgs.departments(orgId);
    if (!departments.includes(department)) throw invalid(`本单位没有“${department}”这个部门`);
  }
}
