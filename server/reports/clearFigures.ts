import type { JSONContent } from '@tiptap/core';
import { BUDGET_NODE_NAMES as N } from '../../shared/editor/budgetNodes.js';

/** Number cells that hold a rule of the table rather than a figure of the year. */
const KEPT_NUMBER_COLUMNS = new Set(['weight']);
/** Text cells of the 自评表 that hold the year's results. */
const CLEARED_TEXT_COLUMNS = new Set(['actual']);

/**
 * Last year's section, ready to be this year's draft: structure, prose, targets and 分值 stay;
 * every amount, every result and every score is emptied so nobody hands in last year's figures.
 */
export function clearFigures(node: JSONContent): JSONContent {
  const attrs = node.attrs ?? {};
  if (node.type === N.numberCell) {
    return KEPT_NUMBER_COLUMNS.has(String(attrs.column)) ? node : { ...node, attrs: { ...attrs, value: '' } };
  }
  if (node.type === N.textCell && CLEARED_TEXT_COLUMNS.has(String(attrs.column))) {
    return { type: node.type, attrs };
  }
  const cleared: JSONContent = { ...node };
  // A row's note explains last year's 执行率; a qualitative verdict rated last year's results.
  if (node.type === N.budgetRow) cleared.attrs = { ...attrs, note: '' };
  if (node.type === N.indicator) cleared.attrs = { ...attrs, achievement: '' };
  if (node.content) cleared.content = node.content.map(clearFigures);
  return cleared;
}
