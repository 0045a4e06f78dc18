import { expect, test } from 'vitest';
import { createSelfEvaluationTable } from '../../../shared/domain/selfEvaluation.js';
import { selfEvaluationToNode } from '../../../shared/editor/budgetNodes.js';
import { selfEvaluationToExport } from '../../../server/export/tables/selfEvaluationTable.js';

function verdictOf(blocks: ReturnType<typeof selfEvaluationToExport>): string {
  const last = blocks[blocks.length - 1]!;
  if (last.kind !== 'paragraph') throw new Error('the score line should close the 自评表');
  return last.inlines.map((inline) => ('text' in inline ? inline.text : '\n')).join('');
}

test('an unfinished 自评表 is exported without a grade, saying how much is left', () => {
  const table = createSelfEvaluationTable();
  Object.assign(table.funds[0]!, { fullYearBudget: '769.78', fullYearActual: '769.78' });
  const verdict = verdictOf(selfEvaluationToExport(selfEvaluationToNode(table)));
  // Only the 预算执行率 line (10 分) is scored: the old export printed 「自评等级：差」 here.
  expect(verdict).toBe('自评得分：评分未完成（尚有7项未评分，已评分项合计10.00分）；自评等级：评分未完成');
});
