import { expect, test } from 'vitest';
import type { Actor } from '../../server/accounts/Actor.js';
import { can } from '../../server/policies/index.js';

const report = { id: 'r1', orgId: 'school-a', title: '2024年度报告', year: 2024, finalized: false, attachmentLabel: null };
const section = { reportId: 'r1', key: 'basic-info', position: 0, title: '部门（单位）基本情况', department: '综合事务部', status: 'draft' as const };
const actor = (over: Partial<Actor>): Actor => ({
  id: 'u', orgId: 'school-a', orgName: '甲校', username: 'u', displayName: 'u', role: 'dept_head', department: '综合事务部', disabled: false, ...over,
});

test('department heads edit only their department\'s sections; the principal edits all; admins and viewers none', () => {
  expect(can(actor({}), 'section.edit', { report, section })).toBe(true);
  expect(can(actor({ department: '教学教研部' }), 'section.edit', { report, section })).toBe(false);
  expect(can(actor({ role: 'principal', department: null }), 'section.edit', { report, section })).toBe(true);
  expect(can(actor({ role: 'admin', department: null }), 'section.edit', { report, section })).toBe(false);
  expect(can(actor({ role: 'viewer' }), 'section.edit', { report, section })).toBe(false);
});

test('everyone of the organisation reads; nobody across organisations; disabled users nothing', () => {
  for (const role of ['admin', 'principal', 'dept_head', 'viewer'] as const) expect(can(actor({ role }), 'report.read', report)).toBe(true);
  expect(can(actor({ orgId: 'school-b' }), 'report.read', report)).toBe(false);
  expect(can(actor({ role: 'principal', orgId: 'school-b' }), 'section.edit', { report, section })).toBe(false);
  expect(can(actor({ disabled: true }), 'report.read', report)).toBe(false);
  expect(can(actor({ role: 'principal', disabled: true }), 'members.manage', { orgId: 'school-a' })).toBe(false);
});

test('members are managed by admins and the principal of the same organisation', () => {
  expect(can(actor({ role: 'principal' }), 'members.manage', { orgId: 'school-a' })).toBe(true);
  expect(can(actor({ role: 'admin' }), 'members.manage', { orgId: 'school-a' })).toBe(true);
  expect(can(actor({}), 'members.manage', { orgId: 'school-a' })).toBe(false);
  expect(can(actor({ role: 'principal' }), 'members.manage', { orgId: 'school-b' })).toBe(false);
  const admin = { id: 'a', orgId: 'school-a', username: 'a', displayName: 'a', role: 'admin' as const, department: null, passwordHash: '', disabled: false };
  expect(can(actor({ role: 'principal' }), 'member.update', { orgId: 'school-a', target: admin })).toBe(false);
  expect(can(actor({ role: 'admin' }), 'member.update', { orgId: 'school-a', target: admin })).toBe(true);
});
