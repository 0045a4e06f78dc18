import type { Actor } from '../accounts/Actor.js';
import type { Role } from '../../shared/roles.js';
import type { ReportRecord, SectionRecord, ThreadRecord, UserRecord } from '../storage/Store.js';

/**
 * The one place that decides who may do what. HTTP routes and the collaboration gate both ask
 * `can(actor, action, resource)`; nothing else makes access decisions.
 */
export interface Resources {
  'report.read': ReportRecord;
  /** Create reports (from the template, last year's report or an import). */
  'report.create': { orgId: string };
  /** Add, rename, reorder and reassign sections; finalise (定稿) and reopen. */
  'report.manage': ReportRecord;
  'section.edit': { report: ReportRecord; section: SectionRecord };
  'section.submit': { report: ReportRecord; section: SectionRecord };
  /** Approve, return or reopen a section. */
  'section.review': { report: ReportRecord; section: SectionRecord };
  'comment.create': ReportRecord;
  /** Edit or delete one's own comment. */
  'comment.change': { report: ReportRecord; authorId: string };
  'thread.resolve': { report: ReportRecord; section: SectionRecord; thread: ThreadRecord };
  'members.manage': { orgId: string };
  'member.update': { orgId: string; target: UserRecord };
  /** Give a member (new or existing) this role. */
  'member.assignRole': { orgId: string; role: Role };
}

export type Action = keyof Resources;

type Rule<A extends Action> = (actor: Actor, resource: Resources[A]) => boolean;

const ownsSection = (actor: Actor, section: SectionRecord) => actor.role === 'dept_head' && actor.department === section.department;
const isPrincipal = (actor: Actor) => actor.role === 'principal';

const rules: { [A in Action]: Rule<A> } = {
  'report.read': (actor, report) => actor.orgId === report.orgId,

  'report.create': (actor, { orgId }) => actor.orgId === orgId && isPrincipal(actor),

  'report.manage': (actor, report) => actor.orgId === report.orgId && isPrincipal(actor),

  // Nobody writes a finalised report. The principal writes every other section; a department
  // head writes their own department's sections while they are drafts or returned.
  // Admins manage accounts but do not write report content.
  'section.edit': (actor, { report, section }) =>
    actor.orgId === report.orgId && !report.finalized &&
    (isPrincipal(actor) || (ownsSection(actor, section) && (section.status === 'draft' || section.status === 'returned'))),

  'section.submit': (actor, { report, section }) =>
    actor.orgId === report.orgId && !report.finalized && (isPrincipal(actor) || ownsSection(actor, section)),

  'section.review': (actor, { report }) => actor.orgId === report.orgId && !report.finalized && isPrincipal(actor),

  // Everyone who takes part in writing may comment anywhere in the report; read-only members may not.
  'comment.create': (actor, report) => actor.orgId === report.orgId && actor.role !== 'viewer',

  'comment.change': (actor, { report, authorId }) => actor.orgId === report.orgId && actor.id === authorId,

  'thread.resolve': (actor, { report, section }) => actor.orgId === report.orgId && (isPrincipal(actor) || ownsSection(actor, section)),

  'members.manage': (actor, { orgId }) =>
    actor.orgId === orgId && (actor.role === 'admin' || isPrincipal(actor)),

  // Only an admin may change another admin; a principal manages everyone else.
  'member.update': (actor, { orgId, target }) =>
    rules['members.manage'](actor, { orgId }) && target.orgId === orgId && (target.role !== 'admin' || actor.role === 'admin'),

  // Only an admin may make somebody an admin.
  'member.assignRole': (actor, { orgId, role }) =>
    rules['members.manage'](actor, { orgId }) && (role !== 'admin' || actor.role === 'admin'),
};

export function can<A extends Action>(actor: Actor, action: A, resource: Resources[A]): boolean {
  if (actor.disabled) return false;
  return (rules[action] as Rule<A>)(actor, resource);
}
