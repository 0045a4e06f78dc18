/** 「附件4」 from what a person passes: `4`, `附件4` or nothing. */
export function attachmentLabel(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const match = /^(?:附件)?\s*(\d{1,2})$/.exec(value.trim());
  if (!match) throw new RangeError('附件编号应为 1–99 的数字，例如 4');
  return `附件${Number(match[1])}`;
}
