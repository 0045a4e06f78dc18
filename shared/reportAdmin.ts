import { z } from 'zod';
import type { Problem } from './domain/checks.js';

/** Shapes of report creation, import, section management and checks (docs/API.md "Report administration"). */

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const sectionTitle = z.string().trim().min(1, '标题不能为空').max(60, '标题最多 60 个字');
const department = z.string().trim().min(1, '请选择负责部门');

export const createReportRequest = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(100).optional(),
  /** 'template', or the id of the report to carry over (last year's). */
  from: z.union([z.literal('template'), z.string().regex(ID)]),
}).strict();

export const addSectionRequest = z.object({
  title: sectionTitle,
  department,
  /** Key of the section the new one follows; at the end when absent. */
  after: z.string().regex(ID).optional(),
}).strict();

export const sectionPatchRequest = z.object({ title: sectionTitle.optional(), department: department.optional() }).strict();

export const reportPatchRequest = z.object({ title: z.string().trim().min(1).max(100) }).strict();

export const sectionOrderRequest = z.object({ keys: z.array(z.string().regex(ID)).min(1).max(99) }).strict();

export interface CreatedReport {
  id: string;
}

export interface ImportedReport {
  id: string;
  /** What the importer changed or interpreted, in Chinese. */
  normalisations: string[];
}

export interface ReportChecks {
  problems: Problem[];
}
