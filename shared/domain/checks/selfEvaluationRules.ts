import { compare, fromInteger, parseDecimal, round, sum, toDecimalString, type Decimal } from '../money.js';
import { findStatedScore } from '../narrative.js';
import type { ReportModel } from '../reportModel.js';
import {
  ACHIEVEMENT_LABELS, FUNDS_COLUMNS, goalRowId, gradeFor, qualitativeBand, scoreSelfEvaluation,
  type FundsColumn, type IndicatorScore, type ScoringRules, type SelfEvaluationTable,
} from '../selfEvaluation.js';
import { validateAmount } from '../budget.js';
import { amountText } from './budgetRules.js';
import { problem, type Problem } from './problem.js';

const FUNDS_COLUMN_LABELS: Record<FundsColumn, string> = {
  initialBudget: '年初预算数', fullYearBudget: '全年预算数', fullYearActual: '全年执行数',
};

const HUNDRED = fromInteger(100);

function points(value: Decimal): string {
  return `${toDecimalString(value)}分`;
}

function indicatorName(score: IndicatorScore): string {
  const i = score.indicator;
  return i.level3.trim() || i.level2.trim() || i.level1.trim() || '（未命名指标）';
}

/** Funds cells are amounts, and the 其中 rows add up to 年度资金总额 (blank 其中 cells count as 0). */
function checkFunds(sectionKey: string, table: SelfEvaluationTable): Problem[] {
  const problems: Problem[] = [];
  const at = (rowId: string, column: string) => ({ sectionKey, blockId: table.id, rowId, column });
  for (const row of table.funds) {
    for (const column of FUNDS_COLUMNS) {
      const check = validateAmount(row[column], table.unit);
      if (check.state === 'error') {
        problems.push(problem('amount-invalid', 'error', `自评表「${row.label}」${FUNDS_COLUMN_LABELS[column]}：${check.message}`, at(row.id, column)));
      }
    }
  }
  const total = table.funds.find((r) => r.role === 'total');
  const parts = table.funds.filter((r) => r.role === 'part');
  // Without both, the 预算执行率 line has no score and the table no grade.
  for (const column of ['fullYearBudget', 'fullYearActual'] as const) {
    if (total && validateAmount(total[column], table.unit).state === 'empty') {
      problems.push(problem('self-evaluation-incomplete', 'warning',
        `自评表「${total.label}」尚未填写${FUNDS_COLUMN_LABELS[column]}`, at(total.id, column)));
    }
  }
  if (!total || parts.length === 0) return problems;
  for (const column of FUNDS_COLUMNS) {
    const totalCheck = validateAmount(total[column], table.unit);
    const partChecks = parts.map((p) => validateAmount(p[column], table.unit));
    if (totalCheck.state !== 'ok' || partChecks.some((c) => c.state === 'error') || partChecks.every((c) => c.state === 'empty')) continue;
    const partsSum = sum(partChecks.flatMap((c) => (c.state === 'ok' ? [c.amount] : [])));
    if (compare(partsSum, totalCheck.amount) !== 0) {
      problems.push(problem('parts-do-not-add-up', 'error',
        `自评表「${total.label}」${FUNDS_COLUMN_LABELS[column]}为${amountText(totalCheck.amount, table.unit)}，`
        + `但其中各项合计为${amountText(partsSum, table.unit)}`, at(total.id, column)));
    }
  }
  return problems;
}

function checkWeightsAndScores(sectionKey: string, table: SelfEvaluationTable, rules: ScoringRules): Problem[] {
  const problems: Problem[] = [];
  const at = (rowId: string | undefined, column: string) => ({ sectionKey, blockId: table.id, ...(rowId ? { rowId } : {}), column });
  const score = scoreSelfEvaluation(table, rules);
  const weightTexts = [
    { rowId: table.funds.find((r) => r.role === 'total')?.id, name: '预算执行率', text: table.fundsWeight },
    ...table.indicators.map((i, n) => ({ rowId: i.id, name: indicatorName(score.indicators[n]!), text: i.weight })),
  ];
  let allWeightsValid = true;
  for (const w of weightTexts) {
    const parsed = parseDecimal(w.text, { maxDecimals: 2, subject: '分值' });
    if (!parsed.ok) {
      allWeightsValid = false;
      problems.push(problem('weight-invalid', 'error', `自评表「${w.name}」分值：${parsed.message}`, at(w.rowId, 'weight')));
    }
  }
  if (allWeightsValid && compare(score.weightSum, HUNDRED) !== 0) {
    problems.push(problem('weights-not-100', 'error', `自评表各项分值合计为${points(score.weightSum)}，应为100分`, at(undefined, 'weight')));
  }
  for (const s of score.indicators) {
    problems.push(...checkIndicatorScore(s, at(s.indicator.id, 'reviewerScore'), rules));
  }
  return problems;
}

function checkIndicatorScore(s: IndicatorScore, location: Problem['location'], rules: ScoringRules): Problem[] {
  const name = `自评表「${indicatorName(s)}」`;
  const typed = s.indicator.reviewerScore;
  if (s.target?.kind === 'qualitative' && typed.trim() !== '') {
    const parsed = parseDecimal(typed, { maxDecimals: 2, subject: '得分' });
    if (!parsed.ok) return [problem('score-invalid', 'error', `${name}得分：${parsed.message}`, location)];
  }
  if (s.score !== undefined && s.weight !== undefined && compare(s.score, s.weight) > 0) {
    return [problem('score-exceeds-weight', 'error', `${name}得分${points(s.score)}超过分值${points(s.weight)}`, location)];
  }
  if (s.issue === 'score-outside-band' && s.weight !== undefined && s.indicator.achievement !== '') {
    const band = qualitativeBand(s.indicator.achievement, s.weight, rules);
    return [problem('score-outside-band', 'error',
      `${name}评为「${ACHIEVEMENT_LABELS[s.indicator.achievement]}」，得分应在${toDecimalString(band.min)}–${points(band.max)}之间`, location)];
  }
  if (s.issue === 'unit-mismatch') {
    return [problem('indicator-not-scorable', 'warning', `${name}实际完成值的单位与年度指标值不一致，无法计分`, { ...location, column: 'actual' })];
  }
  if (s.issue === 'actual-not-a-number') {
    return [problem('indicator-not-scorable', 'warning', `${name}实际完成值不是数字，无法计分`, { ...location, column: 'actual' })];
  }
  if (s.issue === 'no-target') {
    return [problem('indicator-incomplete', 'warning', `${name}尚未填写年度指标值`, { ...location, column: 'target' })];
  }
  if (s.issue === 'no-actual') {
    return [problem('indicator-incomplete', 'warning', `${name}尚未填写实际完成值`, { ...location, column: 'actual' })];
  }
  if (s.issue === 'not-rated' || s.issue === 'no-score') {
    return [problem('indicator-incomplete', 'warning', `${name}是定性指标，尚未评定达成情况和得分`, location)];
  }
  return [];
}

/** 「自评得分95分」「等级为优」 in the prose agree with each other and with the 自评表. */
function checkStatedScore(report: ReportModel, rules: ScoringRules): Problem[] {
  const problems: Problem[] = [];
  const tables = report.sections.flatMap((s) => s.selfEvaluations);
  const computed = tables.length === 1 ? scoreSelfEvaluation(tables[0]!, rules) : undefined;
  const final = computed?.complete ? computed : undefined;
  for (const section of report.sections) {
    const stated = findStatedScore(section.text);
    const location = { sectionKey: section.key };
    if (stated.total && final) {
      const asWritten = round(final.total, stated.total.value.scale);
      if (compare(asWritten, stated.total.value) !== 0) {
        problems.push(problem('stated-total-mismatch', 'error',
          `正文「${stated.total.text}」与自评表合计${points(final.total)}不一致`, location));
      }
    }
    if (!stated.grade) continue;
    const expected = final ? gradeFor(final.total, rules) : stated.total ? gradeFor(stated.total.value, rules) : undefined;
    if (expected && expected !== stated.grade.grade) {
      const basis = final ? `自评表合计${points(final.total)}` : `正文所写${stated.total!.text}`;
      problems.push(problem('stated-grade-mismatch', 'error',
        `正文「${stated.grade.text}」与${basis}对应的等级「${expected}」不一致`, location));
    }
  }
  return problems;
}

/** 年度总体目标: what was planned and what came of it, both in words. */
function checkGoal(sectionKey: string, table: SelfEvaluationTable): Problem[] {
  const labels = { expected: '预期目标', actual: '实际完成情况' } as const;
  return (['expected', 'actual'] as const).filter((part) => table.goal[part].trim() === '').map((part) =>
    problem('self-evaluation-incomplete', 'warning', `自评表年度总体目标尚未填写${labels[part]}`,
      { sectionKey, blockId: table.id, rowId: goalRowId(table), column: part }));
}

export function checkSelfEvaluations(report: ReportModel, rules: ScoringRules): Problem[] {
  const problems: Problem[] = [];
  for (const section of report.sections) {
    for (const table of section.selfEvaluations) {
      problems.push(...checkFunds(section.key, table), ...checkGoal(section.key, table), ...checkWeightsAndScores(section.key, table, rules));
    }
  }
  return [...problems, ...checkStatedScore(report, rules)];
}
