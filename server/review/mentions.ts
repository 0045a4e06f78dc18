import type { Store } from '../storage/Store.js';

/**
 * Who a comment asks to act: `@综合事务部` names a department, `@zonghe` or `@校长` a person
 * (by username or display name). Returns `dept:<name>` and `user:<id>` entries.
 */
export async function findMentions(store: Store, orgId: string, body: string): Promise<string[]> {
  const names = [...body.matchAll(/@([^\s@，。,.;；:：!！?？、)）]+)/g)].map((m) => m[1]!);
  if (names.length === 0) return [];
  const departments = await store.orgs.departments(orgId);
  const users = await store.users.listByOrg(orgId);
  const found = new Set<string>();
  for (const name of names) {
    const department = departments.find((d) => name.startsWith(d));
    if (department) found.add(`dept:${department}`);
    for (const user of users) if (!user.disabled && (name === user.username || name.startsWith(user.displayName))) found.add(`user:${user.id}`);
  }
  return [...found];
}
