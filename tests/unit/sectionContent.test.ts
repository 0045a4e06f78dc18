import type { JSONContent } from '@tiptap/core';
import { expect, test } from 'vitest';
import { createBudgetTable } from '../../shared/domain/budget.js';
import { budgetTableToNode } from '../../shared/editor/budgetNodes.js';
import { blockTexts } from '../../server/review/sectionContent.js';
import { diffBlocks } from '../../server/review/versionDiff.js';

const text = (t: string): JSONContent => ({ type: 'text', text: t });
const paragraph = (t: string): JSONContent => ({ type: 'paragraph', content: [text(t)] });

function section(measure: string, staffActual: string): JSONContent {
  let n = 0;
  const table = createBudgetTable('general', { newId: () => `row-${++n}` });
  table.rows[1]!.values = { initialBudget: '700.00', fullYearBudget: '700.00', fullYearActual: staffActual };
  table.rows[2]!.values = { initialBudget: '69.78', fullYearBudget: '69.78', fullYearActual: '69.78' };
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 3 }, content: [text('改进措施')] },
      {
        type: 'orderedList', attrs: { start: 1 },
        content: ['强化预算管理；', measure].map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
      },
      budgetTableToNode(table),
    ],
  };
}

test('a version diff reads the section as it prints: numbered headings, one line per list item and per table row', () => {
  const before = blockTexts(section('完善制度。', '700.00'));
  expect(before.slice(0, 3)).toEqual(['（一）改进措施', '1.强化预算管理；', '2.完善制度。']);
  expect(before).toContain('　　人员经费 / 700.00 / 700.00 / 700.00 / 100.00% / ');

  const changed = diffBlocks(before, blockTexts(section('完善内控制度。', '650.00'))).filter((block) => block.kind !== 'same');
  const after = (block: (typeof changed)[number]) => (block.kind === 'changed'
    ? block.segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('') : '');
  // Only the edited item and the rows whose figures moved: 人员经费, and 基本支出 and the total computed from it.
  expect(changed.map((block) => block.kind)).toEqual(['changed', 'changed', 'changed', 'changed']);
  expect(changed.map(after)).toEqual([
    '2.完善内控制度。',
    '一般公共预算支出 / 769.78 / 769.78 / 719.78 / 93.50% / ',
    '　基本支出 / 769.78 / 769.78 / 719.78 / 93.50% / ',
    '　　人员经费 / 700.00 / 700.00 / 650.00 / 92.86% / ',
  ]);
});
