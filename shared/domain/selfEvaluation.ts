import {
  add, compare, divide, fromInteger, isZero, min, multiply, parseDecimal, percentage, round,
  type Decimal, type MoneyUnit,
} from './money.js';

/**
 * 部门整体支出绩效自评表 (DOMAIN.md §3): the funds block, the overall goal and the indicators,
 * scored exactly. Everything people type stays a string; scores, totals and the grade are
 * derived here and never stored.
 */

export const FUNDS_COLUMNS = ['initialBudget', 'fullYearBudget', 'fullYearActual'] as const;
export type FundsColumn = (typeof FUNDS_COLUMNS)[number];

export interface FundsRow {
  id: string;
  /** `total` is 年度资金总额; `part` rows are its 其中 lines. */
  role: 'total' | 'part';
  label: string;
  initialBudget: string;
  fullYearBudget: string;
  fullYearActual: string;
}

export const ACHIEVEMENTS = ['achieved', 'partial', 'not-achieved'] as const;
export type Achievement = (typeof ACHIEVEMENTS)[number];

export const ACHIEVEMENT_LABELS: Record<Achievement, string> = {
  achieved: '达成',
  partial: '部分达成',
  'not-achieved': '未达成',
};

export interface Indicator {
  id: string;
  level1: string;
  level2: string;
  level3: string;
  /** 年度指标值 as typed: `≥95%`, `≤90万元`, `=1088人` or a phrase such as `效果明显`. */
  target: string;
  /** 实际完成值 as typed. */
  actual: string;
  /** 分值. */
  weight: string;
  /** For qualitative targets: the reviewer's verdict ('' until chosen). */
  achievement: Achievement | '';
  /** For qualitative targets: the score the reviewer gives within the verdict's band. */
  reviewerScore: string;
  /** 偏差原因分析及改进措施. */
  deviationReason: string;
}

export interface SelfEvaluationTable {
  id: string;
  unit: MoneyUnit;
  /** 分值 of the 预算执行率 line (年度资金总额), 10 by default. */
  fundsWeight: string;
  funds: FundsRow[];
  goal: { expected: string; actual: string };
  indicators: Indicator[];
}

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

export interface ScoringRules {
  /** Lowest total for 优, 良 and 中; anything lower is 差. */
  gradeFloors: { 优: number; 良: number; 中: number };
  /** Band of each verdict as percent of 分值, both ends included. */
  bands: Record<Achievement, { min: number; max: number }>;
}

export const DEFAULT_SCORING_RULES: ScoringRules = {
  gradeFloors: { 优: 90, 良: 80, 中: 60 },
  bands: { achieved: { min: 80, max: 100 }, partial: { min: 60, max: 80 }, 'not-achieved': { min: 0, max: 60 } },
};

/** Default 分值 of each first-level block; a locality may change them per table. */
export const DEFAULT_WEIGHTS = { budgetExecution: 10, output: 50, benefit: 30, satisfaction: 10 } as const;

const DEFAULT_INDICATORS: ReadonlyArray<[level1: string, level2: string, weight: number]> = [
  ['产出指标', '数量指标', 15],
  ['产出指标', '质量指标', 15],
  ['产出指标', '时效指标', 10],
  ['产出指标', '成本指标', 10],
  ['效益指标', '社会效益指标', 20],
  ['效益指标', '可持续影响指标', 10],
  ['满意度指标', '服务对象满意度指标', 10],
];

const DEFAULT_FUNDS_PARTS = ['本年财政拨款', '上年结转资金', '其他资金'];

export function createSelfEvaluationTable(options: { newId?: () => string } = {}): SelfEvaluationTable {
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const fundsRow = (role: FundsRow['role'], label: string): FundsRow =>
    ({ id: newId(), role, label, initialBudget: '', fullYearBudget: '', fullYearActual: '' });
  return {
    id: newId(),
    unit: '万元',
    fundsWeight: String(DEFAULT_WEIGHTS.budgetExecution),
    funds: [fundsRow('total', '年度资金总额'), ...DEFAULT_FUNDS_PARTS.map((label) => fundsRow('part', label))],
    goal: { expected: '', actual: '' },
    indicators: DEFAULT_INDICATORS.map(([level1, level2, weight]) => ({
      id: newId(), level1, level2, level3: '', target: '', actual: '', weight: String(weight),
      achievement: '', reviewerScore: '', deviationReason: '',
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Targets

export type Comparator = '≥' | '≤' | '=' | '>' | '<';

export type IndicatorTarget =
  | { kind: 'quantitative'; comparator: Comparator; value: Decimal; unit: string }
  | { kind: 'qualitative'; phrase: string };

const COMPARATOR_PREFIXES: ReadonlyArray<[RegExp, Comparator]> = [
  [/^(>=|≥|≧|＞＝|大于等于|不低于|不少于|不小于|至少)/, '≥'],
  [/^(<=|≤|≦|＜＝|小于等于|不高于|不超过|不多于|不大于|至多)/, '≤'],
  [/^(=|＝|等于)/, '='],
  [/^(>|＞|大于|高于|多于|超过)/, '>'],
  [/^(<|＜|小于|低于|少于)/, '<'],
];

const COMPARATOR_SUFFIXES: ReadonlyArray<[RegExp, Comparator]> = [
  [/(及以上|以上)$/, '≥'],
  [/(及以下|以下|以内)$/, '≤'],
];

const NUMBER_AND_UNIT = /^([0-9０-９][0-9０-９,.．]*)\s*(.*)$/;

function parseNonNegative(text: string): Decimal | undefined {
  const parsed = parseDecimal(text, { maxDecimals: 6 });
  return parsed.ok ? parsed.value : undefined;
}

/** Reads a typed target; undefined when blank. A number without comparator means `=`. */
export function parseTarget(text: string): IndicatorTarget | undefined {
  let rest = text.trim();
  if (rest === '') return undefined;
  let comparator: Comparator | undefined;
  for (const [pattern, found] of COMPARATOR_PREFIXES) {
    if (pattern.test(rest)) {
      comparator = found;
      rest = rest.replace(pattern, '').trim();
      break;
    }
  }
  for (const [pattern, found] of COMPARATOR_SUFFIXES) {
    if (comparator === undefined && pattern.test(rest)) {
      comparator = found;
      rest = rest.replace(pattern, '').trim();
    }
  }
  const match = NUMBER_AND_UNIT.exec(rest);
  const value = match ? parseNonNegative(match[1]!) : undefined;
  if (!match || value === undefined) return { kind: 'qualitative', phrase: text.trim() };
  return { kind: 'quantitative', comparator: comparator ?? '=', value, unit: normaliseUnit(match[2]!) };
}

function normaliseUnit(unit: string): string {
  return unit.trim().replace(/％/g, '%');
}

/** Reads a typed actual value against a quantitative target; a missing unit means the target's. */
export function parseActual(text: string, target: IndicatorTarget & { kind: 'quantitative' }):
  { ok: true; value: Decimal } | { ok: false; reason: 'empty' | 'not-a-number' | 'unit-mismatch' } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const match = NUMBER_AND_UNIT.exec(trimmed);
  const value = match ? parseNonNegative(match[1]!) : undefined;
  if (!match || value === undefined) return { ok: false, reason: 'not-a-number' };
  const unit = normaliseUnit(match[2]!);
  if (unit !== '' && unit !== target.unit) return { ok: false, reason: 'unit-mismatch' };
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Scoring

export function parseWeight(text: string): Decimal | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseDecimal(text, { maxDecimals: 2, subject: '分值' });
  return parsed.ok ? parsed.value : undefined;
}

export function parseScore(text: string): Decimal | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseDecimal(text, { maxDecimals: 2, subject: '得分' });
  return parsed.ok ? parsed.value : undefined;
}

/** weight × fraction, capped at weight, rounded to two decimals. */
function proportional(numerator: Decimal, denominator: Decimal, weight: Decimal): Decimal {
  const score = divide(multiply(numerator, weight), denominator, 2) ?? weight;
  return round(min(score, weight), 2);
}

/**
 * Score of a quantitative indicator (DOMAIN.md §3): higher-is-better (≥ >) actual ÷ target ×
 * 分值, lower-is-better (≤ <) target ÷ actual × 分值, both capped at 分值; a target met exactly
 * (or bettered) earns full marks. `=` scores the smaller of the two ratios.
 */
export function scoreQuantitative(target: IndicatorTarget & { kind: 'quantitative' }, actual: Decimal, weight: Decimal): Decimal {
  const full = round(weight, 2);
  const order = compare(actual, target.value);
  switch (target.comparator) {
    case '≥':
    case '>':
      return order >= 0 || isZero(target.value) ? full : proportional(actual, target.value, weight);
    case '≤':
    case '<':
      return order <= 0 ? full : proportional(target.value, actual, weight);
    case '=':
      if (order === 0) return full;
      if (isZero(target.value)) return round(fromInteger(0), 2);
      return order < 0 ? proportional(actual, target.value, weight) : proportional(target.value, actual, weight);
  }
}

/** Lowest and highest score allowed for a verdict, in points. */
export function qualitativeBand(achievement: Achievement, weight: Decimal, rules: ScoringRules = DEFAULT_SCORING_RULES):
  { min: Decimal; max: Decimal } {
  const band = rules.bands[achievement];
  const points = (percent: number) => round(divide(multiply(weight, fromInteger(percent)), fromInteger(100), 2)!, 2);
  return { min: points(band.min), max: points(band.max) };
}

export type IndicatorScoreIssue =
  | 'no-weight' | 'no-target' | 'no-actual' | 'actual-not-a-number' | 'unit-mismatch'
  | 'not-rated' | 'no-score' | 'score-outside-band';

export interface IndicatorScore {
  indicator: Indicator;
  target: IndicatorTarget | undefined;
  weight: Decimal | undefined;
  /** 得分 (computed, or the reviewer's for qualitative targets); undefined when not scorable yet. */
  score: Decimal | undefined;
  issue: IndicatorScoreIssue | undefined;
}

export function scoreIndicator(indicator: Indicator, rules: ScoringRules = DEFAULT_SCORING_RULES): IndicatorScore {
  const target = parseTarget(indicator.target);
  const weight = parseWeight(indicator.weight);
  const result = (score: Decimal | undefined, issue?: IndicatorScoreIssue): IndicatorScore =>
    ({ indicator, target, weight, score, issue });
  if (weight === undefined) return result(undefined, 'no-weight');
  if (target === undefined) return result(undefined, 'no-target');
  if (target.kind === 'qualitative') {
    if (indicator.achievement === '') return result(undefined, 'not-rated');
    const score = parseScore(indicator.reviewerScore);
    if (score === undefined) return result(undefined, 'no-score');
    const band = qualitativeBand(indicator.achievement, weight, rules);
    const inside = compare(score, band.min) >= 0 && compare(score, band.max) <= 0;
    return result(score, inside ? undefined : 'score-outside-band');
  }
  const actual = parseActual(indicator.actual, target);
  if (!actual.ok) {
    const issue = ({ empty: 'no-actual', 'not-a-number': 'actual-not-a-number', 'unit-mismatch': 'unit-mismatch' } as const)[actual.reason];
    return result(undefined, issue);
  }
  return result(scoreQuantitative(target, actual.value, weight));
}

export interface FundsScore {
  weight: Decimal | undefined;
  /** 执行率 of 年度资金总额 (percent, two decimals); undefined when 全年预算数 is blank or 0. */
  rate: Decimal | undefined;
  /** rate × 分值, capped at 分值. */
  score: Decimal | undefined;
}

/** The 年度总体目标 row has no id of its own; this one names it in problems and in the page. */
export function goalRowId(table: SelfEvaluationTable): string {
  return `${table.id}-goal`;
}

export function fundsTotalRow(table: SelfEvaluationTable): FundsRow | undefined {
  return table.funds.find((row) => row.role === 'total');
}

export function scoreFunds(table: SelfEvaluationTable): FundsScore {
  const weight = parseWeight(table.fundsWeight);
  const total = fundsTotalRow(table);
  const budget = total ? parseNonNegative(total.fullYearBudget) : undefined;
  const actual = total ? parseNonNegative(total.fullYearActual) : undefined;
  if (budget === undefined || actual === undefined) return { weight, rate: undefined, score: undefined };
  const rate = percentage(actual, budget);
  const score = weight === undefined || isZero(budget) ? undefined : proportional(actual, budget, weight);
  return { weight, rate, score };
}

export function gradeFor(total: Decimal, rules: ScoringRules = DEFAULT_SCORING_RULES): Grade {
  const atLeast = (floor: number) => compare(total, fromInteger(floor)) >= 0;
  if (atLeast(rules.gradeFloors.优)) return '优';
  if (atLeast(rules.gradeFloors.良)) return '良';
  if (atLeast(rules.gradeFloors.中)) return '中';
  return '差';
}

export interface SelfEvaluationScore {
  funds: FundsScore;
  indicators: IndicatorScore[];
  /** 分值 of the funds line plus every indicator (should be 100). */
  weightSum: Decimal;
  /** Sum of every score that could be computed. */
  total: Decimal;
  /** True when every line has a score, so `total` is final. */
  complete: boolean;
  /** The grade of a complete score; none before, so a partial sum can never be read as 差. */
  grade: Grade | undefined;
  /** Lines (the funds line and each indicator) without a score yet. */
  unscored: number;
}

export function scoreSelfEvaluation(table: SelfEvaluationTable, rules: ScoringRules = DEFAULT_SCORING_RULES): SelfEvaluationScore {
  const funds = scoreFunds(table);
  const indicators = table.indicators.map((indicator) => scoreIndicator(indicator, rules));
  const weights = [funds.weight, ...indicators.map((i) => i.weight)];
  const scores = [funds.score, ...indicators.map((i) => i.score)];
  const zero = round(fromInteger(0), 2);
  const total = scores.reduce<Decimal>((acc, s) => (s === undefined ? acc : add(acc, s)), zero);
  const unscored = scores.filter((s) => s === undefined).length;
  return {
    funds,
    indicators,
    weightSum: weights.reduce<Decimal>((acc, w) => (w === undefined ? acc : add(acc, w)), fromInteger(0)),
    total,
    complete: unscored === 0,
    grade: unscored === 0 ? gradeFor(total, rules) : undefined,
    unscored,
  };
}
