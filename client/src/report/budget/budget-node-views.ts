import { Node, type AnyExtension } from '@tiptap/core';
import type { ReactNodeViewProps } from '@tiptap/react';
import type { ComponentType } from 'react';
import { BUDGET_NODE_NAMES as N } from '../../../../shared/editor/budgetNodes.js';
import { BudgetTableView } from './budget-table-view.js';
import { opaqueReactNodeView } from './opaque-node-view.js';
import { SelfEvaluationView } from './self-evaluation-view.js';

const VIEWS: Record<string, ComponentType<ReactNodeViewProps>> = { [N.budgetTable]: BudgetTableView, [N.selfEvaluationTable]: SelfEvaluationView };

/**
 * The document's extensions with the two tables drawn by React. In the editor a table is one
 * unit: the caret never enters it (atom) and it is not selected as a whole by a click (so a
 * keystroke cannot replace it); its cells are edited through its own inputs. The schema is
 * unchanged, so the server reads exactly what the browser writes.
 */
export function withBudgetViews(extensions: readonly AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) => {
    const view = VIEWS[extension.name];
    if (!view || !(extension instanceof Node)) return extension;
    return extension.extend({ atom: true, selectable: false, addNodeView: () => opaqueReactNodeView(view) });
  });
}
