/** One finding of the checks, located precisely enough for the editor to highlight it. */

export type ProblemCode =
  | 'section-missing'
  | 'section-empty'
  | 'amount-invalid'
  | 'parts-do-not-add-up'
  | 'execution-rate-low'
  | 'execution-rate-high'
  | 'execution-without-budget'
  | 'narrative-figure-mismatch'
  | 'no-project-spending-contradiction'
  | 'weight-invalid'
  | 'weights-not-100'
  | 'score-invalid'
  | 'score-exceeds-weight'
  | 'score-outside-band'
  | 'indicator-not-scorable'
  | 'indicator-incomplete'
  | 'self-evaluation-incomplete'
  | 'self-evaluation-funds-mismatch'
  | 'stated-total-mismatch'
  | 'stated-grade-mismatch'
  | 'figure-carried-over';

export interface ProblemLocation {
  sectionKey: string;
  /** Id of the budget table or 自评表 the problem is in. */
  blockId?: string;
  rowId?: string;
  /** A column name of that row (`fullYearBudget`, `weight`, `reviewerScore`, …). */
  column?: string;
}

export interface Problem {
  /** Stable across runs while the problem persists, so a UI can key and dismiss it. */
  id: string;
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
  location: ProblemLocation;
}

export function problem(code: ProblemCode, severity: Problem['severity'], message: string,
  location: ProblemLocation, discriminator = ''): Problem {
  const id = [code, location.sectionKey, location.blockId, location.rowId, location.column, discriminator]
    .map((part) => part ?? '').join('|');
  return { id, code, severity, message, location };
}
