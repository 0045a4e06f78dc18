import { expect, test } from 'vitest';
import {
  add, compare, decimal, divide, formatPercent, formatWan, parseAmount, parseDecimal, percentage, round, subtract, sum,
  toDecimalString, toWan, toYuan,
} from '../../../shared/domain/money.js';

const str = toDecimalString;

test('typed amounts: full-width digits, thousands separators and stray spaces are accepted and reported', () => {
  expect(parseAmount('769.78', '万元')).toEqual({ ok: true, value: { units: 76978n, scale: 2 }, canonical: '769.78', notes: [] });
  expect(parseAmount('1,234.5', '万元')).toMatchObject({ ok: true, canonical: '1234.5', notes: ['已去除千分位分隔符'] });
  expect(parseAmount('１２３.４５', '万元')).toMatchObject({ ok: true, canonical: '123.45', notes: ['全角字符已转为半角'] });
  expect(parseAmount('１２３．４５', '万元')).toMatchObject({ ok: true, canonical: '123.45' });
  expect(parseAmount(' 31 ', '万元')).toMatchObject({ ok: true, canonical: '31', notes: ['已去除空格'] });
  expect(parseAmount('\u30007 69.80', '万元')).toMatchObject({ ok: true, canonical: '769.80' });
  expect(parseAmount('.5', '元')).toMatchObject({ ok: true, canonical: '0.5' });
  expect(parseAmount('007', '元')).toMatchObject({ ok: true, canonical: '7' });
});

test('typed amounts: junk, negatives and too many decimals are refused in Chinese', () => {
  expect(parseAmount('abc', '万元')).toMatchObject({ ok: false, error: 'not-a-number', message: '请输入数字' });
  expect(parseAmount('', '万元')).toMatchObject({ ok: false, error: 'empty', message: '请输入数字' });
  expect(parseAmount('12.3.4', '万元')).toMatchObject({ ok: false, message: '请输入数字' });
  expect(parseAmount('1,23', '万元')).toMatchObject({ ok: false, message: '请输入数字' });
  expect(parseAmount('1e5', '万元')).toMatchObject({ ok: false, message: '请输入数字' });
  expect(parseAmount('-5', '万元')).toMatchObject({ ok: false, error: 'negative', message: '金额不能为负' });
  expect(parseAmount('－5', '元')).toMatchObject({ ok: false, message: '金额不能为负' });
  expect(parseAmount('1.234', '元')).toMatchObject({ ok: false, error: 'too-many-decimals', message: '最多两位小数' });
  // 万元 keeps what the author typed down to 分 (six decimals).
  expect(parseAmount('769.785', '万元')).toMatchObject({ ok: true, canonical: '769.785' });
  expect(parseAmount('1.1234567', '万元')).toMatchObject({ ok: false, message: '最多六位小数' });
  expect(parseDecimal('-5', { maxDecimals: 2, allowNegative: true })).toMatchObject({ ok: true, canonical: '-5' });
  expect(parseDecimal('5.5', { maxDecimals: 0 })).toMatchObject({ ok: false, message: '只能输入整数' });
});

test('arithmetic is exact: 0.1 + 0.2 = 0.3 and 769.78 = 769.78', () => {
  expect(str(add(decimal('0.1'), decimal('0.2')))).toBe('0.3');
  expect(compare(add(decimal('0.1'), decimal('0.2')), decimal('0.3'))).toBe(0);
  expect(str(sum([decimal('500.12'), decimal('269.66')]))).toBe('769.78');
  expect(str(subtract(decimal('769.78'), decimal('769.780')))).toBe('0.000');
  expect(compare(decimal('769.78'), decimal('769.780'))).toBe(0);
  expect(str(sum([]))).toBe('0');
  expect(str(subtract(decimal('1'), decimal('1.01')))).toBe('-0.01');
});

test('rounding is half away from zero', () => {
  expect(str(round(decimal('0.005'), 2))).toBe('0.01');
  expect(str(round(decimal('0.0049'), 2))).toBe('0.00');
  expect(str(round(decimal('-0.005'), 2))).toBe('-0.01');
  expect(str(round(decimal('12'), 2))).toBe('12.00');
  expect(str(divide(decimal('2'), decimal('3'), 4)!)).toBe('0.6667');
});

test('执行率 as a percentage with two decimals; a zero budget gives undefined, never NaN', () => {
  expect(formatPercent(percentage(decimal('769.78'), decimal('769.78'))!)).toBe('100.00%');
  expect(formatPercent(percentage(decimal('85'), decimal('100'))!)).toBe('85.00%');
  expect(formatPercent(percentage(decimal('1'), decimal('3'))!)).toBe('33.33%');
  expect(formatPercent(percentage(decimal('2'), decimal('3'))!)).toBe('66.67%');
  expect(formatPercent(percentage(decimal('110.5'), decimal('100'))!)).toBe('110.50%');
  expect(percentage(decimal('5'), decimal('0'))).toBeUndefined();
  expect(percentage(decimal('0'), decimal('0.00'))).toBeUndefined();
});

test('元 ⇄ 万元 exactly, displayed in 万元 with two decimals', () => {
  expect(str(toWan(decimal('7697800'), '元'))).toBe('769.7800');
  expect(str(toYuan(decimal('769.78'), '万元'))).toBe('7697800.00');
  expect(formatWan(decimal('7697800'), '元')).toBe('769.78');
  expect(formatWan(decimal('12345.67'), '元')).toBe('1.23');
  expect(formatWan(decimal('769.785'), '万元')).toBe('769.79');
  expect(formatWan(decimal('31'), '万元')).toBe('31.00');
});
