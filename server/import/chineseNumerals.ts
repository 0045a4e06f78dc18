const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99; undefined for anything else. */
export function parseChineseNumeral(text: string): number | undefined {
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return undefined;
  const [, first, ten, last] = match;
  if (!ten) return first && !last ? DIGITS[first] : undefined;
  return (first ? DIGITS[first]! : 1) * 10 + (last ? DIGITS[last]! : 0);
}
