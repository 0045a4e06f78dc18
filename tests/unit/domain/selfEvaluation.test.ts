import { expect, test } from 'vitest';
import { decimal, toDecimalString } from '../../../shared/domain/money.js';
import {
  createSelfEvaluationTable, gradeFor, parseTarget, qualitativeBand, scoreFunds, scoreIndicator, scoreQuantitative,
  scoreSelfEvaluation, DEFAULT_SCORING_RULES, type Indicator, type IndicatorTarget, type SelfEvaluationTable,
} from '../../../shared/domain/selfEvaluation.js';

const show = (d: { units: bigint; scale: number } | undefined) => (d === undefined ? undefined : toDecimalString(d));

function ids() {
  let n = 0;
  return () => `id${++n}`;
}

function indicator(target: string, actual: string, weight: string, extra: Partial<Indicator> = {}): Indicator {
  return { id: 'i', level1: '产出指标', level2: '数量指标', level3: '在校学生数', target, actual, weight, achievement: '', reviewerScore: '', deviationReason: '', ...extra };
}

function quantitative(text: string) {
  const target = parseTarget(text);
  expect(target?.kind).toBe('quantitative');
  return target as IndicatorTarget & { kind: 'quantitative' };
}

test('targets: comparator, number and unit, or a phrase', () => {
  expect(parseTarget('≥95%')).toEqual({ kind: 'quantitative', comparator: '≥', value: decimal('95'), unit: '%' });
  expect(parseTarget('<=90万元')).toMatchObject({ comparator: '≤', unit: '万元' });
  expect(parseTarget('=1088人')).toMatchObject({ comparator: '=', unit: '人' });
  expect(parseTarget('1088人')).toMatchObject({ comparator: '=', unit: '人' });
  expect(parseTarget('＞ 3 项')).toMatchObject({ comparator: '>', unit: '项' });
  expect(parseTarget('不低于95％')).toMatchObject({ comparator: '≥', unit: '%' });
  expect(parseTarget('95%以上')).toMatchObject({ comparator: '≥', value: decimal('95') });
  expect(parseTarget('30天以内')).toMatchObject({ comparator: '≤', unit: '天' });
  expect(parseTarget('效果明显')).toEqual({ kind: 'qualitative', phrase: '效果明显' });
  expect(parseTarget('  ')).toBeUndefined();
});

test('预算执行率: rate × 分值, capped at 分值; a zero budget scores nothing rather than NaN', () => {
  const table = createSelfEvaluationTable({ newId: ids() });
  const total = table.funds[0]!;
  Object.assign(total, { fullYearBudget: '769.78', fullYearActual: '769.78' });
  expect(scoreFunds(table)).toMatchObject({ rate: decimal('100.00'), score: decimal('10.00') });
  Object.assign(total, { fullYearBudget: '100', fullYearActual: '85' });
  expect(show(scoreFunds(table).score)).toBe('8.50');
  Object.assign(total, { fullYearBudget: '100', fullYearActual: '120' });
  expect(show(scoreFunds(table).rate)).toBe('120.00');
  expect(show(scoreFunds(table).score)).toBe('10.00');
  Object.assign(total, { fullYearBudget: '0', fullYearActual: '5' });
  expect(scoreFunds(table)).toMatchObject({ rate: undefined, score: undefined });
  table.fundsWeight = '15';
  Object.assign(total, { fullYearBudget: '3', fullYearActual: '2' });
  expect(show(scoreFunds(table).score)).toBe('10.00');
});

test('higher is better: actual ÷ target × 分值, capped; met exactly is full marks', () => {
  const target = quantitative('≥95%');
  expect(show(scoreQuantitative(target, decimal('95'), decimal('20')))).toBe('20.00');
  expect(show(scoreQuantitative(target, decimal('99'), decimal('20')))).toBe('20.00');
  expect(show(scoreQuantitative(target, decimal('76'), decimal('20')))).toBe('16.00');
  expect(show(scoreQuantitative(target, decimal('0'), decimal('20')))).toBe('0.00');
  expect(show(scoreQuantitative(quantitative('≥0项'), decimal('0'), decimal('5')))).toBe('5.00');
});

test('lower is better (≤): target ÷ actual × 分值, capped', () => {
  const target = quantitative('≤90万元');
  expect(show(scoreQuantitative(target, decimal('90'), decimal('10')))).toBe('10.00');
  expect(show(scoreQuantitative(target, decimal('60'), decimal('10')))).toBe('10.00');
  expect(show(scoreQuantitative(target, decimal('0'), decimal('10')))).toBe('10.00');
  expect(show(scoreQuantitative(target, decimal('100'), decimal('10')))).toBe('9.00');
  expect(show(scoreQuantitative(target, decimal('120'), decimal('10')))).toBe('7.50');
});

test('= targets: exact is full marks, either side loses proportionally', () => {
  const target = quantitative('=1088人');
  expect(show(scoreQuantitative(target, decimal('1088'), decimal('10')))).toBe('10.00');
  expect(show(scoreQuantitative(target, decimal('1000'), decimal('10')))).toBe('9.19');
  expect(show(scoreQuantitative(target, decimal('1200'), decimal('10')))).toBe('9.07');
});

test('indicators: unit mismatch and junk are not scored; a missing unit means the target unit', () => {
  expect(show(scoreIndicator(indicator('≥95%', '96', '10')).score)).toBe('10.00');
  expect(scoreIndicator(indicator('≥95%', '96人', '10'))).toMatchObject({ score: undefined, issue: 'unit-mismatch' });
  expect(scoreIndicator(indicator('≥95%', '很好', '10'))).toMatchObject({ score: undefined, issue: 'actual-not-a-number' });
  expect(scoreIndicator(indicator('≥95%', '', '10'))).toMatchObject({ issue: 'no-actual' });
  expect(scoreIndicator(indicator('≥95%', '96', ''))).toMatchObject({ issue: 'no-weight' });
  expect(scoreIndicator(indicator('', '96', '10'))).toMatchObject({ issue: 'no-target' });
});

test('qualitative: the reviewer picks a verdict and a score within its band', () => {
  expect(qualitativeBand('achieved', decimal('10'))).toEqual({ min: decimal('8.00'), max: decimal('10.00') });
  expect(qualitativeBand('partial', decimal('10'))).toEqual({ min: decimal('6.00'), max: decimal('8.00') });
  expect(qualitativeBand('not-achieved', decimal('15'))).toEqual({ min: decimal('0.00'), max: decimal('9.00') });
  const phrase = (achievement: Indicator['achievement'], reviewerScore: string) =>
    scoreIndicator(indicator('效果明显', '效果明显', '10', { achievement, reviewerScore }));
  expect(phrase('', '')).toMatchObject({ score: undefined, issue: 'not-rated' });
  expect(phrase('achieved', '')).toMatchObject({ score: undefined, issue: 'no-score' });
  expect(phrase('achieved', '9')).toMatchObject({ score: decimal('9'), issue: undefined });
  expect(phrase('achieved', '8')).toMatchObject({ issue: undefined });
  expect(phrase('partial', '8')).toMatchObject({ issue: undefined });
  expect(phrase('partial', '9')).toMatchObject({ score: decimal('9'), issue: 'score-outside-band' });
});

test('grades: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60', () => {
  expect(['100', '90', '89.99', '80', '79.99', '60', '59.99', '0'].map((t) => gradeFor(decimal(t)))).toEqual(
    ['优', '优', '良', '良', '中', '中', '差', '差']);
  const strict = { ...DEFAULT_SCORING_RULES, gradeFloors: { 优: 95, 良: 85, 中: 70 } };
  expect(gradeFor(decimal('92'), strict)).toBe('良');
});

function completeTable(): SelfEvaluationTable {
  const table = createSelfEvaluationTable({ newId: ids() });
  Object.assign(table.funds[0]!, { fullYearBudget: '769.78', fullYearActual: '769.78' });
  const filled: Array<[string, string]> = [['=1088人', '1088'], ['≥95%', '96%'], ['≤30天', '30'], ['≤770万元', '769.78'], ['效果明显', ''], ['≥3年', '3'], ['≥90%', '81']];
  table.indicators.forEach((i, n) => { [i.target, i.actual] = filled[n]!; });
  Object.assign(table.indicators[4]!, { achievement: 'achieved', reviewerScore: '18' });
  return table;
}

test('the whole table: default weights sum to 100, total and grade', () => {
  const table = createSelfEvaluationTable({ newId: ids() });
  expect(show(scoreSelfEvaluation(table).weightSum)).toBe('100');
  expect(scoreSelfEvaluation(table).complete).toBe(false);
  const score = scoreSelfEvaluation(completeTable());
  expect(score.complete).toBe(true);
  // 10 + 15 + 15 + 10 + 10 + 18 + 10 + 81/90×10 = 97.00
  expect(show(score.total)).toBe('97.00');
  expect(score.grade).toBe('优');
});

test('an unfinished table has no grade: its partial sum is never read as 差', () => {
  const table = completeTable();
  table.indicators[0]!.actual = '';
  table.indicators[6]!.target = '';
  const score = scoreSelfEvaluation(table);
  expect(score.complete).toBe(false);
  expect(score.grade).toBeUndefined();
  expect(score.unscored).toBe(2);
  const blank = scoreSelfEvaluation(createSelfEvaluationTable({ newId: ids() }));
  expect([blank.grade, blank.unscored, show(blank.total)]).toEqual([undefined, 8, '0.00']);
});
