import type { Actor } from '../accounts/Actor.js';
import type { ReportRecord, SectionRecord, UserRecord } from '../storage/Store.js';

/**
 * The one place that decides who may do what. HTTP routes and the collaboration gate both ask
 * `can(actor, action, resource)`; nothing else makes access decisions.
 */
export interface Resources {
  'report.read': ReportRecord;
  'section.edit': { report: ReportRecord; section: SectionRecord };
  'members.manage': { orgId: string };
  'member.update': { orgId: string; target: UserRecord };
}

export type Action = keyof Resources;

type Rule<A extends Action> = (actor: Actor, resource: Resources[A]) => boolean;

const rules: { [A in Action]: Rule<A> } = {
  'report.read': (actor, report) => actor.orgId === report.orgId,

  // The principal writes every section; a department head the sections their department owns.
  // Admins manage accounts but do not write report content.
  'section.edit': (actor, { report, section }) =>
    actor.orgId === report.orgId &&
    (actor.role === 'principal' || (actor.role === 'dept_head' && actor.department === section.department)),

  'members.manage': (actor, { orgId }) =>
    actor.orgId === orgId && (actor.role === 'admin' || actor.role === 'principal'),

  // Only an admin may change another admin; a principal manages everyone else.
  'member.update': (actor, { orgId, target }) =>
    rules['members.manage'](actor, { orgId }) && target.orgId === orgId && (target.role !== 'admin' || actor.role === 'admin'),
};

export function can<A extends Action>(actor: Actor, action: A, resource: Resources[A]): boolean {
  if (actor.disabled) return false;
  return (rules[action] as Rule<A>)(actor, resource);
}
