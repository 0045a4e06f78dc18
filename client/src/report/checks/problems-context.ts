import { createContext, useContext } from 'react';
import type { Problem } from '../../../../shared/domain/checks.js';

/** The report's current problems, for the markers inside tables (node views render below the editor). */
export const ProblemsContext = createContext<readonly Problem[]>([]);

/** The problems located in one table block. */
export function useBlockProblems(blockId: string): Problem[] {
  return useContext(ProblemsContext).filter((p) => p.location.blockId === blockId);
}

/** The problems of one row (and column, when given; `null` asks for row-level problems only). */
export function problemsAt(problems: readonly Problem[], rowId: string | undefined, column?: string | null): Problem[] {
  return problems.filter((p) => p.location.rowId === rowId
    && (column === undefined || (column === null ? p.location.column === undefined : p.location.column === column)));
}
