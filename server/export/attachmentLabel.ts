/**
 * 「附件4」 for an export: from what a person passes (`4` or `附件4`; empty for none) or, when they
 * pass nothing, the report's own label (an imported report keeps the one its file began with).
 */
export function attachmentLabel(value: string | undefined, reportLabel: string | null): string | null {
  if (value === undefined) return reportLabel;
  if (value.trim() === '') return null;
  const match = /^(?:附件)?\s*(\d{1,2})$/.exec(value.trim());
  if (!match || Number(match[1]) === 0) throw new RangeError('附件编号应为 1–99 的数字，例如 4');
  return `附件${Number(match[1])}`;
}
