import { expect, test } from 'vitest';
import { createBudgetTable } from '../../../shared/domain/budget.js';
import { carriedFigures, checkCarriedFigures } from '../../../shared/domain/carryOver.js';
import { createSelfEvaluationTable } from '../../../shared/domain/selfEvaluation.js';
import {
  budgetTableFromNode, budgetTableToNode, selfEvaluationFromNode, selfEvaluationToNode,
} from '../../../shared/editor/budgetNodes.js';
import { clearFigures } from '../../../server/reports/clearFigures.js';

test('the figures of carried prose: its amounts (once each) and its year', () => {
  const text = '本部门2024年基本支出预算为769.78万元，实际支出为769.78万元，另有结余1,200元。';
  expect(carriedFigures(text, 2024)).toEqual(['769.78万元', '1,200元', '2024年']);
  expect(carriedFigures('无', 2024)).toEqual([]);
});

test('a carried figure is flagged while the prose still contains it', () => {
  const carried = { fromYear: 2024, figures: ['769.78万元', '2024年'] };
  const section = { key: 'general-budget', title: '一般公共预算支出情况' };
  const stale = checkCarriedFigures({ ...section, text: '2025年基本支出预算为769.78万元。' }, carried);
  expect(stale.map((p) => [p.code, p.severity, p.message])).toEqual([
    ['figure-carried-over', 'warning', '「一般公共预算支出情况」沿用2024年度报告，正文中的「769.78万元」尚未更新，请核对'],
  ]);
  expect(checkCarriedFigures({ ...section, text: '2025年基本支出预算为801.20万元。' }, carried)).toEqual([]);
});

test('clearing figures keeps structure, labels, targets and 分值, and empties amounts, results, scores and notes', () => {
  const budget = createBudgetTable('general');
  budget.rows[0]!.values = { initialBudget: '769.78', fullYearBudget: '769.78', fullYearActual: '700' };
  budget.rows[0]!.note = '因人员调动，执行率偏低';
  const cleared = budgetTableFromNode(clearFigures(budgetTableToNode(budget)));
  expect(cleared.rows.map((r) => [r.code, r.label, r.note, ...Object.values(r.values)]))
    .toEqual(budget.rows.map((r) => [r.code, r.label, '', '', '', '']));

  const evaluation = createSelfEvaluationTable();
  evaluation.funds[0]!.fullYearActual = '769.78';
  evaluation.goal = { expected: '全面完成教学任务', actual: '已完成' };
  Object.assign(evaluation.indicators[0]!, { level3: '在校学生数', target: '≥1000人', actual: '1088人', achievement: 'achieved', reviewerScore: '15' });
  const after = selfEvaluationFromNode(clearFigures(selfEvaluationToNode(evaluation)));
  expect(after.fundsWeight).toBe('10');
  expect(after.funds[0]!.fullYearActual).toBe('');
  expect(after.goal).toEqual({ expected: '全面完成教学任务', actual: '' });
  expect(after.indicators[0]).toMatchObject({ level3: '在校学生数', target: '≥1000人', actual: '', weight: '15', achievement: '', reviewerScore: '' });
});
