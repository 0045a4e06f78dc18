import { parseDecimal, type Decimal, type MoneyUnit } from './money.js';

/** An amount of money written in prose, e.g. 「769.78万元」. */
export interface AmountInText {
  /** The characters as written, number and unit. */
  text: string;
  /** Offset of `text` in the searched string. */
  index: number;
  value: Decimal;
  /** The number as canonical decimal text ("769.78"). */
  canonical: string;
  unit: MoneyUnit;
}

// A number (ASCII or full-width digits, optional thousands commas and decimals) followed by
// 万元 or 元; the look-behind keeps "3.5" from matching as "5" and 亿元 never matches.
const AMOUNT = /(?<![0-9０-９.．,])([0-9０-９][0-9０-９,]*(?:[.．][0-9０-９]+)?)[ \u3000]*(万元|元)/g;

export function findAmounts(text: string): AmountInText[] {
  const found: AmountInText[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const parsed = parseDecimal(match[1]!, { maxDecimals: 6 });
    if (!parsed.ok) continue;
    found.push({
      text: match[0], index: match.index, value: parsed.value, canonical: parsed.canonical, unit: match[2] as MoneyUnit,
    });
  }
  return found;
}
