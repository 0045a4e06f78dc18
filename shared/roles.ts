/** The roles a user can hold inside one organisation (school). */
export const ROLES = ['admin', 'principal', 'dept_head', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** 中文 labels for the UI. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  principal: '校长',
  dept_head: '部门负责人',
  viewer: '只读成员',
};
