import type { Editor } from '@tiptap/core';
import { useState } from 'react';
import { BUDGET_KIND_LABELS, BUDGET_KINDS, createBudgetTable, type BudgetKind } from '../../../../shared/domain/budget.js';
import { createSelfEvaluationTable } from '../../../../shared/domain/selfEvaluation.js';
import { budgetTableToNode, selfEvaluationToNode } from '../../../../shared/editor/budgetNodes.js';

/** Toolbar tools that insert a budget table of a chosen kind, or a 自评表, at the caret. */
export function InsertTableTools({ editor, disabled }: { editor: Editor | null; disabled: boolean }) {
  const [kind, setKind] = useState<BudgetKind>('general');
  const insert = (content: ReturnType<typeof budgetTableToNode>) => {
    if (editor && !disabled) editor.chain().focus().insertContent(content).run();
  };

  return (
    <div className="toolbar-group insert-tools">
      <select className="tool-select" value={kind} disabled={disabled} aria-label="预算表类型"
        onChange={(e) => setKind(e.target.value as BudgetKind)}>
        {BUDGET_KINDS.map((k) => <option key={k} value={k}>{BUDGET_KIND_LABELS[k]}</option>)}
      </select>
      <button type="button" className="tool" disabled={disabled} title="在光标处插入所选类型的预算表"
        onMouseDown={(e) => e.preventDefault()} onClick={() => insert(budgetTableToNode(createBudgetTable(kind)))}>插入预算表</button>
      <button type="button" className="tool" disabled={disabled} title="在光标处插入部门整体支出绩效自评表"
        onMouseDown={(e) => e.preventDefault()} onClick={() => insert(selfEvaluationToNode(createSelfEvaluationTable()))}>插入自评表</button>
    </div>
  );
}
