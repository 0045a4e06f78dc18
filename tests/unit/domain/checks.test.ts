import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { importReport } from '../../../server/import/index.js';
import { BUDGET_COLUMNS, createBudgetTable, type BudgetTable } from '../../../shared/domain/budget.js';
import { checkReport, type Problem, type ReportModel } from '../../../shared/domain/checks.js';
import { createSelfEvaluationTable, type SelfEvaluationTable } from '../../../shared/domain/selfEvaluation.js';
import { budgetTableToNode, sectionModelFromDoc, selfEvaluationToNode } from '../../../shared/editor/budgetNodes.js';
import { REFERENCE_REPORT_URL } from '../../helpers/referenceReport.js';

/**
 * The seed report: the reference fixture imported, with the 一般公共预算 table the finance
 * officer fills from the prose (769.78 typed as 基本支出, no 项目支出) and a complete 自评表.
 */

function ids(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

function generalTable(): BudgetTable {
  const table = createBudgetTable('general', { newId: ids('b') });
  table.rows[0]!.values = { initialBudget: '769.78', fullYearBudget: '769.78', fullYearActual: '769.78' };
  return table;
}

function selfEvaluation(): SelfEvaluationTable {
  const table = createSelfEvaluationTable({ newId: ids('s') });
  Object.assign(table.funds[0]!, { initialBudget: '769.78', fullYearBudget: '769.78', fullYearActual: '769.78' });
  Object.assign(table.funds[1]!, { initialBudget: '769.78', fullYearBudget: '769.78', fullYearActual: '769.78' });
  const filled: Array<[string, string]> = [['=1088人', '1088'], ['≥95%', '96%'], ['≤30天', '30'], ['≤770万元', '769.78'], ['效果明显', ''], ['≥3年', '3'], ['≥90%', '95']];
  table.indicators.forEach((i, n) => { [i.target, i.actual] = filled[n]!; });
  Object.assign(table.indicators[4]!, { achievement: 'achieved', reviewerScore: '18' });
  table.goal = { expected: '保障学校正常运转，落实立德树人根本任务', actual: '全年正常运转，获省级以上荣誉6项' };
  return table;
}

const imported = importReport(new Uint8Array(readFileSync(REFERENCE_REPORT_URL)), 'seed.txt');

function seedReport(edit: (parts: { general: BudgetTable; evaluation: SelfEvaluationTable; texts: Record<string, string> }) => void = () => {}): ReportModel {
  const general = generalTable();
  const evaluation = selfEvaluation();
  const texts: Record<string, string> = {};
  edit({ general, evaluation, texts });
  return {
    sections: imported.sections.map((section) => {
      const blocks = [...(section.content.content ?? [])];
      if (section.key === 'general-budget') blocks.push(budgetTableToNode(general));
      if (section.key === 'performance') blocks.push(selfEvaluationToNode(evaluation));
      const extra = texts[section.key];
      if (extra !== undefined) blocks.push({ type: 'paragraph', content: [{ type: 'text', text: extra }] });
      return sectionModelFromDoc(section, { type: 'doc', content: blocks });
    }),
  };
}

const codes = (problems: Problem[]) => problems.map((p) => p.code);

test('the seed report passes every check: 769.78 = 769.78', () => {
  expect(checkReport(seedReport())).toEqual([]);
});

test('every budget section is required, even when it says 无', () => {
  const report = seedReport();
  report.sections = report.sections.filter((s) => s.key !== 'fund-budget');
  report.sections.find((s) => s.key === 'state-capital-budget')!.text = '  ';
  expect(checkReport(report).map((p) => [p.code, p.location.sectionKey, p.message])).toEqual([
    ['section-missing', 'fund-budget', '缺少「政府性基金预算支出情况」部分（没有此类支出时写“无”）'],
    ['section-empty', 'state-capital-budget', '「国有资本经营预算支出情况」部分是空的（没有此类支出时写“无”）'],
  ]);
});

test('parts must add up: 基本支出 ≠ 人员经费 + 公用经费', () => {
  const problems = checkReport(seedReport(({ general }) => {
    general.rows[1]!.values = { initialBudget: '500', fullYearBudget: '500', fullYearActual: '500' };
    general.rows[2]!.values = { initialBudget: '260', fullYearBudget: '269.78', fullYearActual: '269.78' };
  }));
  expect(problems).toEqual([{
    id: 'parts-do-not-add-up|general-budget|b1|b2|initialBudget|',
    code: 'parts-do-not-add-up',
    severity: 'error',
    message: '一般公共预算表「基本支出」年初预算数为769.78万元，但人员经费 + 公用经费合计为760万元',
    location: { sectionKey: 'general-budget', blockId: 'b1', rowId: 'b2', column: 'initialBudget' },
  }]);
});

test('parts are not compared while a part is still blank', () => {
  expect(checkReport(seedReport(({ general }) => { general.rows[1]!.values.fullYearActual = '500'; }))).toEqual([]);
});

test('invalid cells are reported where they are', () => {
  const problems = checkReport(seedReport(({ general }) => { general.rows[3]!.values.fullYearBudget = '12,00'; }));
  expect(problems.map((p) => [p.code, p.message, p.location.rowId, p.location.column])).toEqual([
    ['amount-invalid', '一般公共预算表「项目支出」全年预算数：请输入数字', 'b5', 'fullYearBudget'],
  ]);
});

test('执行率 below 90% needs an explanation; above 100% is flagged', () => {
  const executionProblems = (edit: (general: BudgetTable) => void) =>
    checkReport(seedReport(({ general }) => edit(general))).filter((p) => p.code.startsWith('execution'))
      .map((p) => [p.code, p.severity, p.message]);
  expect(executionProblems((general) => { general.rows[0]!.values.fullYearActual = '600'; })).toEqual([
    ['execution-rate-low', 'error', '一般公共预算表「基本支出」执行率77.94%，低于90%，需要说明原因'],
  ]);
  // Exactly 90.00% is not below 90%.
  expect(executionProblems((general) => { general.rows[0]!.values = { initialBudget: '100', fullYearBudget: '100', fullYearActual: '90' }; })).toEqual([]);
  expect(executionProblems((general) => { general.rows[3]!.values = { initialBudget: '10', fullYearBudget: '10', fullYearActual: '12' }; })).toEqual([
    ['execution-rate-high', 'warning', '一般公共预算表「项目支出」执行率120.00%，超过100%，请核对或说明原因'],
  ]);
  expect(executionProblems((general) => { general.rows[3]!.values = { initialBudget: '0', fullYearBudget: '0', fullYearActual: '3' }; })).toEqual([
    ['execution-without-budget', 'warning', '一般公共预算表「项目支出」全年预算数为0却有执行数，请说明原因'],
  ]);
});

test('an explanation in a note or in the prose silences the 执行率 check', () => {
  const rateProblems = (edit: Parameters<typeof seedReport>[0]) =>
    codes(checkReport(seedReport(edit)).filter((p) => p.code.startsWith('execution')));
  expect(rateProblems(({ general }) => {
    general.rows[0]!.values.fullYearActual = '600';
    general.rows[0]!.note = '年底人员调出，工资未足额发放';
  })).toEqual([]);
  expect(rateProblems(({ general, texts }) => {
    general.rows[0]!.values.fullYearActual = '600';
    texts.problems = '基本支出执行率偏低，主要原因是年底人员调出。';
  })).toEqual([]);
  // Naming the line without giving a reason is not an explanation.
  expect(rateProblems(({ general, texts }) => {
    general.rows[0]!.values.fullYearActual = '600';
    texts.problems = '基本支出执行率偏低。';
  })).toEqual(['execution-rate-low']);
});

test('a figure in the prose must agree with the budget table', () => {
  const budgetDiffers = checkReport(seedReport(({ general }) => {
    general.rows[0]!.values = { initialBudget: '770', fullYearBudget: '770.00', fullYearActual: '769.78' };
  }));
  expect(budgetDiffers.map((p) => [p.code, p.severity, p.message, p.location])).toEqual([
    ['narrative-figure-mismatch', 'error', '正文写「基本支出」预算为769.78万元，但一般公共预算表中全年预算数为770.00万元', { sectionKey: 'general-budget' }],
    // The 自评表 still says 769.78, so it disagrees with the table too.
    ['self-evaluation-funds-mismatch', 'error', '自评表「年度资金总额」年初预算数为769.78万元，但预算表合计为770万元（一般公共预算支出）',
      { sectionKey: 'performance', blockId: 's1', rowId: 's2', column: 'initialBudget' }],
    ['self-evaluation-funds-mismatch', 'error', '自评表「年度资金总额」全年预算数为769.78万元，但预算表合计为770.00万元（一般公共预算支出）',
      { sectionKey: 'performance', blockId: 's1', rowId: 's2', column: 'fullYearBudget' }],
  ]);
  const actualDiffers = checkReport(seedReport(({ general }) => { general.rows[0]!.values.fullYearActual = '700'; }))
    .filter((p) => p.code === 'narrative-figure-mismatch');
  expect(actualDiffers.map((p) => p.message)).toEqual(['正文写「基本支出」实际支出为769.78万元，但一般公共预算表中全年执行数为700.00万元']);
});

test('prose figures are compared at the precision and in the unit the author wrote', () => {
  const inYuan = (edit: (general: BudgetTable) => void) => {
    const report = seedReport(({ general }) => edit(general));
    return codes(checkReport(report)).filter((c) => c === 'narrative-figure-mismatch');
  };
  // 7697800 元 is 769.78 万元; 769.784 万元 is 769.78 at two decimals.
  expect(inYuan((general) => {
    general.unit = '元';
    general.rows[0]!.values = { initialBudget: '7697800', fullYearBudget: '7697800', fullYearActual: '7697800.00' };
  })).toEqual([]);
  expect(inYuan((general) => { general.rows[0]!.values.fullYearActual = '769.784'; })).toEqual([]);
  expect(inYuan((general) => { general.rows[0]!.values.fullYearActual = '769.786'; })).toEqual(['narrative-figure-mismatch']);
});

test('figures of a line named in another budget are matched to that budget', () => {
  const report = seedReport(({ texts }) => { texts['fund-budget'] = '政府性基金预算基本支出预算为12万元。'; });
  const fund = createBudgetTable('government-fund', { newId: ids('f') });
  fund.rows[0]!.values = { initialBudget: '12', fullYearBudget: '12', fullYearActual: '12' };
  report.sections.find((s) => s.key === 'fund-budget')!.budgetTables.push(fund);
  // The 自评表 counts the fund's 12万元 among 其他资金.
  const [total, , , other] = report.sections.find((s) => s.key === 'performance')!.selfEvaluations[0]!.funds;
  Object.assign(total!, { initialBudget: '781.78', fullYearBudget: '781.78', fullYearActual: '781.78' });
  Object.assign(other!, { initialBudget: '12', fullYearBudget: '12', fullYearActual: '12' });
  expect(checkReport(report)).toEqual([]);
  fund.rows[0]!.values = { initialBudget: '15', fullYearBudget: '15', fullYearActual: '15' };
  expect(checkReport(report).filter((p) => p.code === 'narrative-figure-mismatch').map((p) => p.message))
    .toEqual(['正文写「基本支出」预算为12万元，但政府性基金预算表中全年预算数为15.00万元']);
});

test('「无项目支出」 with a non-zero 项目支出 row is a contradiction', () => {
  const problems = checkReport(seedReport(({ general }) => { general.rows[3]!.values = { initialBudget: '', fullYearBudget: '5', fullYearActual: '5' }; }));
  expect(problems.map((p) => [p.code, p.message, p.location.sectionKey])).toEqual([
    ['no-project-spending-contradiction', '正文写「无项目支出」，但一般公共预算表「项目支出」有金额', 'general-budget'],
    ['self-evaluation-funds-mismatch', '自评表「年度资金总额」全年预算数为769.78万元，但预算表合计为774.78万元（一般公共预算支出）', 'performance'],
    ['self-evaluation-funds-mismatch', '自评表「年度资金总额」全年执行数为769.78万元，但预算表合计为774.78万元（一般公共预算支出）', 'performance'],
  ]);
  expect(checkReport(seedReport(({ general }) => { general.rows[3]!.values = { initialBudget: '0', fullYearBudget: '0.00', fullYearActual: '' }; }))).toEqual([]);
});

test('自评表: 其中 rows add up to 年度资金总额', () => {
  const problems = checkReport(seedReport(({ evaluation }) => { evaluation.funds[2]!.fullYearActual = '1'; }));
  expect(problems.map((p) => [p.code, p.message, p.location])).toEqual([
    ['parts-do-not-add-up', '自评表「年度资金总额」全年执行数为769.78万元，但其中各项合计为770.78万元',
      { sectionKey: 'performance', blockId: 's1', rowId: 's2', column: 'fullYearActual' }],
  ]);
});

test('自评表: 年度资金总额 agrees with the budget tables, in whatever unit each is typed', () => {
  const spentLess = checkReport(seedReport(({ general }) => {
    for (const row of general.rows) if (row.values.fullYearActual === '769.78') row.values.fullYearActual = '650.00';
  }));
  expect(spentLess.filter((p) => p.code === 'self-evaluation-funds-mismatch').map((p) => [p.message, p.location])).toEqual([
    ['自评表「年度资金总额」全年执行数为769.78万元，但预算表合计为650.00万元（一般公共预算支出）',
      { sectionKey: 'performance', blockId: 's1', rowId: 's2', column: 'fullYearActual' }],
  ]);
  const mismatch = (problems: ReturnType<typeof checkReport>) => problems.filter((p) => p.code === 'self-evaluation-funds-mismatch');
  // The same money typed in 元 in the budget table agrees exactly.
  expect(mismatch(checkReport(seedReport(({ general }) => {
    general.unit = '元';
    for (const row of general.rows) for (const column of BUDGET_COLUMNS) if (row.values[column] === '769.78') row.values[column] = '7697800';
  })))).toEqual([]);
  // A column still blank on one side is not compared yet.
  expect(mismatch(checkReport(seedReport(({ evaluation }) => {
    for (const row of evaluation.funds) row.initialBudget = '';
  })))).toEqual([]);
});

test('自评表: 分值 must sum to 100 and be numbers', () => {
  expect(checkReport(seedReport(({ evaluation }) => { evaluation.indicators[0]!.weight = '10'; })).map((p) => p.message))
    .toEqual(['自评表各项分值合计为95分，应为100分']);
  expect(checkReport(seedReport(({ evaluation }) => { evaluation.fundsWeight = '十'; })).map((p) => [p.code, p.message]))
    .toEqual([['weight-invalid', '自评表「预算执行率」分值：请输入数字']]);
});

test('自评表: a reviewer score above 分值 or outside its band is an error', () => {
  const over = checkReport(seedReport(({ evaluation }) => { evaluation.indicators[4]!.reviewerScore = '21'; }));
  expect(over.map((p) => [p.code, p.message])).toEqual([['score-exceeds-weight', '自评表「社会效益指标」得分21分超过分值20分']]);
  const band = checkReport(seedReport(({ evaluation }) => {
    Object.assign(evaluation.indicators[4]!, { achievement: 'partial', reviewerScore: '17' });
  }));
  expect(band.map((p) => [p.code, p.message])).toEqual([['score-outside-band', '自评表「社会效益指标」评为「部分达成」，得分应在12.00–16.00分之间']]);
  const junk = checkReport(seedReport(({ evaluation }) => { evaluation.indicators[4]!.reviewerScore = '18.555'; }));
  expect(junk.map((p) => [p.code, p.message])).toEqual([['score-invalid', '自评表「社会效益指标」得分：最多两位小数']]);
});

test('自评表: indicators that cannot be scored are flagged as warnings', () => {
  const problems = checkReport(seedReport(({ evaluation }) => {
    evaluation.indicators[1]!.actual = '96人';
    evaluation.indicators[2]!.actual = '';
    evaluation.indicators[4]!.achievement = '';
  }));
  expect(problems.map((p) => [p.code, p.severity, p.message])).toEqual([
    ['indicator-not-scorable', 'warning', '自评表「质量指标」实际完成值的单位与年度指标值不一致，无法计分'],
    ['indicator-incomplete', 'warning', '自评表「时效指标」尚未填写实际完成值'],
    ['indicator-incomplete', 'warning', '自评表「社会效益指标」是定性指标，尚未评定达成情况和得分'],
  ]);
});

test('自评表: one left as the template is not reported as fine; each blank that keeps it from a grade is a warning', () => {
  const problems = checkReport(seedReport(({ evaluation }) => {
    Object.assign(evaluation, createSelfEvaluationTable({ newId: ids('blank') }));
  }));
  const found = problems.map((p) => [p.code, p.severity, p.message, p.location.column]);
  expect(found).toEqual(expect.arrayContaining([
    ['self-evaluation-incomplete', 'warning', '自评表「年度资金总额」尚未填写全年预算数', 'fullYearBudget'],
    ['self-evaluation-incomplete', 'warning', '自评表「年度资金总额」尚未填写全年执行数', 'fullYearActual'],
    ['self-evaluation-incomplete', 'warning', '自评表年度总体目标尚未填写预期目标', 'expected'],
    ['self-evaluation-incomplete', 'warning', '自评表年度总体目标尚未填写实际完成情况', 'actual'],
    ['indicator-incomplete', 'warning', '自评表「数量指标」尚未填写年度指标值', 'target'],
    ['indicator-incomplete', 'warning', '自评表「服务对象满意度指标」尚未填写年度指标值', 'target'],
  ]));
  // One warning per indicator, none about the template's own 分值 (they add up to 100).
  expect(problems.filter((p) => p.code === 'indicator-incomplete')).toHaveLength(7);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
});

test('the total and grade stated in the prose must match the 自评表 and each other', () => {
  // The seed 自评表 totals 98.00 (优).
  expect(checkReport(seedReport(({ texts }) => { texts.performance = '经自评，综合得分98分，自评等级为“优”。'; }))).toEqual([]);
  const wrong = checkReport(seedReport(({ texts }) => { texts.performance = '经自评，综合得分88分，自评等级为良。'; }));
  expect(wrong.map((p) => [p.code, p.message])).toEqual([
    ['stated-total-mismatch', '正文「得分88分」与自评表合计98.00分不一致'],
    ['stated-grade-mismatch', '正文「等级为良」与自评表合计98.00分对应的等级「优」不一致'],
  ]);
  // Without a complete 自评表 the prose must still agree with itself.
  const report = seedReport(({ texts }) => { texts.performance = '自评得分85分，评价结果为优秀。'; });
  report.sections.forEach((s) => { s.selfEvaluations = []; });
  expect(checkReport(report).map((p) => p.message)).toEqual(['正文「评价结果为优秀」与正文所写得分85分对应的等级「良」不一致']);
});

test('problem ids are stable and distinct', () => {
  const problems = checkReport(seedReport(({ evaluation, general }) => {
    evaluation.indicators[1]!.actual = '96人';
    evaluation.indicators[2]!.actual = '96人';
    general.rows[3]!.values.fullYearBudget = 'x';
  }));
  expect(new Set(problems.map((p) => p.id)).size).toBe(problems.length);
  expect(problems.map((p) => p.id)).toEqual(checkReport(seedReport(({ evaluation, general }) => {
    evaluation.indicators[1]!.actual = '96人';
    evaluation.indicators[2]!.actual = '96人';
    general.rows[3]!.values.fullYearBudget = 'x';
  })).map((p) => p.id));
});
