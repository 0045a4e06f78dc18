/**
 * Exact decimal arithmetic for money, rates and scores. A value is an integer count of the
 * smallest unit at a given scale (`units / 10^scale`), so 0.1 + 0.2 is exactly 0.3 and
 * 769.78 万元 stays 769.78 万元. No binary floating point touches an amount anywhere.
 */

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export const MONEY_UNITS = ['万元', '元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

export interface ParseDecimalOptions {
  /** More digits after the point than this is an error. */
  maxDecimals: number;
  allowNegative?: boolean;
  /** What the number is, for the negative-value message: 「金额不能为负」. */
  subject?: string;
}

export type ParseDecimalResult =
  | { ok: true; value: Decimal; canonical: string; notes: string[] }
  | { ok: false; error: 'empty' | 'not-a-number' | 'negative' | 'too-many-decimals'; message: string };

const COUNT_WORDS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九'];

const FULL_WIDTH = /[０-９．，－＋]/g;
const WHITESPACE = /[\s\u3000\u00a0\u200b-\u200d\ufeff]+/g;
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d*)?$/;
const PLAIN = /^(-?)(\d+(?:\.\d*)?|\.\d+)$/;

function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Reads what a person typed: full-width digits, thousands separators and stray spaces are
 * accepted and reported in `notes` (in Chinese); anything else that is not a plain decimal is
 * refused with a Chinese message. The typed text itself is never rewritten by this function.
 */
export function parseDecimal(input: string, options: ParseDecimalOptions): ParseDecimalResult {
  const notes: string[] = [];
  let text = input.replace(WHITESPACE, '');
  if (text !== input && text !== '') notes.push('已去除空格');
  if (text === '') return { ok: false, error: 'empty', message: '请输入数字' };
  const halfWidth = toHalfWidth(text).replace(/[−]/g, '-');
  if (halfWidth !== text) notes.push('全角字符已转为半角');
  text = halfWidth;
  if (text.includes(',')) {
    if (!GROUPED.test(text)) return { ok: false, error: 'not-a-number', message: '请输入数字' };
    text = text.replace(/,/g, '');
    notes.push('已去除千分位分隔符');
  }
  const match = PLAIN.exec(text);
  if (!match) return { ok: false, error: 'not-a-number', message: '请输入数字' };
  const negative = match[1] === '-';
  const [whole = '', fraction = ''] = match[2]!.split('.');
  if (fraction.length > options.maxDecimals) {
    const count = COUNT_WORDS[options.maxDecimals] ?? String(options.maxDecimals);
    const message = options.maxDecimals === 0 ? '只能输入整数' : `最多${count}位小数`;
    return { ok: false, error: 'too-many-decimals', message };
  }
  const units = BigInt((whole || '0') + fraction) * (negative ? -1n : 1n);
  if (units < 0n && !options.allowNegative) {
    return { ok: false, error: 'negative', message: `${options.subject ?? '金额'}不能为负` };
  }
  const value = { units, scale: fraction.length };
  return { ok: true, value, canonical: toDecimalString(value), notes };
}

/** A decimal from canonical ASCII text such as "769.78" or "-3"; throws on anything else. */
export function decimal(text: string): Decimal {
  const parsed = parseDecimal(text, { maxDecimals: 20, allowNegative: true });
  if (!parsed.ok || parsed.notes.length > 0) throw new RangeError(`not a canonical decimal: ${JSON.stringify(text)}`);
  return parsed.value;
}

export function fromInteger(n: number | bigint): Decimal {
  return { units: BigInt(n), scale: 0 };
}

/** "769.78", "-0.05", "12" — all digits of the scale, no grouping. */
export function toDecimalString(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${whole}${value.scale > 0 ? `.${fraction}` : ''}`;
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a, scale), rescale(b, scale), scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, fromInteger(0));
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(value: Decimal): boolean {
  return value.units === 0n;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) <= 0 ? a : b;
}

/** Integer division of bigints rounding half away from zero. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** Rounds half away from zero to `decimals` digits (the way 财务 rounds 0.005 → 0.01). */
export function round(value: Decimal, decimals: number): Decimal {
  if (value.scale <= decimals) return { units: rescale(value, decimals), scale: decimals };
  return { units: divideHalfUp(value.units, 10n ** BigInt(value.scale - decimals)), scale: decimals };
}

/** a ÷ b rounded to `decimals` digits; undefined when b is zero (never NaN or Infinity). */
export function divide(a: Decimal, b: Decimal, decimals: number): Decimal | undefined {
  if (isZero(b)) return undefined;
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scale the numerator to `decimals`.
  const numerator = a.units * 10n ** BigInt(decimals + b.scale);
  const denominator = b.units * 10n ** BigInt(a.scale);
  return { units: divideHalfUp(numerator, denominator), scale: decimals };
}

/** part ÷ whole as a percentage with two decimals (执行率); undefined when whole is zero. */
export function percentage(part: Decimal, whole: Decimal): Decimal | undefined {
  return divide(multiply(part, fromInteger(100)), whole, 2);
}

export function formatPercent(value: Decimal): string {
  return `${toDecimalString(round(value, 2))}%`;
}

const TEN_THOUSAND = fromInteger(10_000);

/** The amount expressed in 万元, exactly (元 → 万元 moves the point four places). */
export function toWan(amount: Decimal, unit: MoneyUnit): Decimal {
  return unit === '万元' ? amount : { units: amount.units, scale: amount.scale + 4 };
}

/** The amount expressed in 元, exactly. */
export function toYuan(amount: Decimal, unit: MoneyUnit): Decimal {
  return unit === '元' ? amount : multiply(amount, TEN_THOUSAND);
}

/** Display form: 万元 with two decimals, e.g. 7697800 元 → "769.78". */
export function formatWan(amount: Decimal, unit: MoneyUnit): string {
  return toDecimalString(round(toWan(amount, unit), 2));
}

/**
 * The most digits after the point an amount may carry: 分 is the smallest unit of money, so 元
 * allows two and 万元 six (reports that type 769.785 万元 keep what they typed).
 */
export function maxDecimalsFor(unit: MoneyUnit): number {
  return unit === '元' ? 2 : 6;
}

/** Parses an amount typed in `unit`; empty is an error here (callers decide if blank is allowed). */
export function parseAmount(input: string, unit: MoneyUnit): ParseDecimalResult {
  return parseDecimal(input, { maxDecimals: maxDecimalsFor(unit), subject: '金额' });
}
