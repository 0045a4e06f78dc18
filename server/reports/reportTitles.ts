import { AppError } from '../errors.js';
import type { Store } from '../storage/Store.js';

/**
 * Refuses a title another report of the school has (`reportId` names the report being
 * retitled): two reports under one title could not be told apart in the list, in the inbox or
 * by the exported file's name. Only titles a person gives are checked; an import keeps its file's.
 */
export async function requireFreeTitle(store: Store, orgId: string, title: string, reportId?: string): Promise<void> {
  const others = (await store.reports.listByOrg(orgId)).filter((r) => r.id !== reportId);
  if (others.some((r) => r.title === title)) throw new AppError(409, 'title_taken', `已有同名报告「${title}」，请换一个标题`);
}
