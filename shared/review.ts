/** Review workflow vocabulary shared by the server and the client. */

/** 草稿 → 已提交 → 已通过, or 退回 (editable again) → 已提交 … */
export const SECTION_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const SECTION_STATUS_LABELS: Record<SectionStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已通过',
  returned: '退回',
};

export const SECTION_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
export type SectionAction = (typeof SECTION_ACTIONS)[number];

/** Which status each section action leads to, and from which statuses it may be taken. */
export const SECTION_TRANSITIONS: Record<SectionAction, { from: readonly SectionStatus[]; to: SectionStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted', 'approved'], to: 'returned' },
  reopen: { from: ['approved'], to: 'draft' },
};

/** Why a version was taken. */
export const VERSION_KINDS = ['submit', 'approve', 'finalize', 'auto', 'manual', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const VERSION_KIND_LABELS: Record<VersionKind, string> = {
  submit: '提交时',
  approve: '通过时',
  finalize: '定稿时',
  auto: '自动保存',
  manual: '手动保存',
  restore: '恢复前',
};
