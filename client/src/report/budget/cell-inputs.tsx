import type { ReactNode } from 'react';
import type { Problem } from '../../../../shared/domain/checks.js';

/** The class and tooltip of a cell that has problems: red for errors, amber for warnings. */
export function problemMarker(problems: readonly Problem[]): { className: string; title: string | undefined } {
  if (problems.length === 0) return { className: '', title: undefined };
  const error = problems.some((p) => p.severity === 'error');
  return { className: error ? ' has-error' : ' has-warning', title: problems.map((p) => p.message).join('\n') };
}

interface NumberCellProps {
  value: string;
  /** Why the typed text is not a valid number, or null. */
  invalid: string | null;
  readOnly: boolean;
  label: string;
  /** Shown greyed when the cell is blank (a subtotal derived from the rows below). */
  placeholder?: string;
  problems?: readonly Problem[];
  onChange(value: string): void;
}

/**
 * A number cell: what was typed stays exactly as typed; invalid input is flagged in place with
 * the reason, and problems the checks found here are marked on the cell.
 */
export function NumberCell({ value, invalid, readOnly, label, placeholder, problems = [], onChange }: NumberCellProps) {
  const marker = problemMarker(problems);
  const title = [invalid, marker.title].filter(Boolean).join('\n') || undefined;
  return (
    <td className={`num-cell${invalid ? ' is-invalid' : ''}${marker.className}`} title={title}>
      <input className="cell-input num" value={value} readOnly={readOnly} aria-label={label} aria-invalid={invalid ? true : undefined}
        placeholder={placeholder} inputMode="decimal" spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      {invalid && <span className="cell-message" role="alert">{invalid}</span>}
    </td>
  );
}

interface TextCellProps {
  value: string;
  readOnly: boolean;
  label: string;
  placeholder?: string;
  colSpan?: number;
  problems?: readonly Problem[];
  /** Row actions shown on hover while editing. */
  tools?: ReactNode;
  onChange(value: string): void;
}

/** A text cell that wraps like the cell of a printed table. */
export function TextCell({ value, readOnly, label, placeholder, colSpan, problems = [], tools, onChange }: TextCellProps) {
  const marker = problemMarker(problems);
  return (
    <td className={`text-cell${marker.className}`} colSpan={colSpan} title={marker.title}>
      <textarea className="cell-input" rows={1} value={value} readOnly={readOnly} aria-label={label}
        placeholder={readOnly ? undefined : placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value.replace(/\n/g, ''))} />
      {tools && !readOnly && <span className="row-tools">{tools}</span>}
    </td>
  );
}
