import type { Figure, RowSpec, Target } from './scenario.js';

export interface TableRow {
  scenario: string;
  spec: RowSpec;
  project: Figure;
  reference: Figure;
}

const HEADERS = ['#', 'measure', 'project', 'reference', 'project ÷ reference', 'target', 'result'];

function ratio(row: TableRow): number | null {
  const { value: p } = row.project;
  const { value: r } = row.reference;
  if (p === null || r === null || !Number.isFinite(r) || r <= 0) return null;
  return p / r;
}

function ratioText(value: number | null): string {
  if (value === null) return '—';
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '∞';
}

function targetText(target: Target | undefined): string {
  if (!target) return '';
  switch (target.kind) {
    case 'ratioAtMost': return `≤ ${target.limit}× ref`;
    case 'atLeast': return `≥ ${target.limit}${target.unit}`;
    case 'below': return `< ${target.limit}${target.unit}`;
  }
}

/** PASS, or FAIL with how far off; '—' when a figure is missing. */
function resultText(row: TableRow): string {
  const { target } = row.spec;
  if (!target) return '';
  if (target.kind === 'ratioAtMost') {
    const value = ratio(row);
    if (value === null) return '—';
    return value <= target.limit ? 'PASS' : `FAIL (${ratioText(value)}, ${((value / target.limit - 1) * 100).toFixed(0)}% over)`;
  }
  const value = row.project.value;
  if (value === null) return '—';
  if (target.kind === 'atLeast') {
    return value >= target.limit ? 'PASS' : `FAIL (${value}${target.unit}, ${target.limit - value}${target.unit} short)`;
  }
  return value < target.limit ? 'PASS' : `FAIL (${row.project.text}, ${Number.isFinite(value) ? `${(value / target.limit).toFixed(1)}× the limit` : 'updates undelivered'})`;
}

function cells(row: TableRow): string[] {
  return [row.scenario, row.spec.label, row.project.text, row.reference.text, ratioText(ratio(row)), targetText(row.spec.target), resultText(row)];
}

export function plainTable(rows: readonly TableRow[]): string {
  const all = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...all.map((line) => line[column]!.length)));
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [format(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((row) => format(cells(row)))].join('\n');
}

export function markdownTable(rows: readonly TableRow[]): string {
  const line = (values: string[]) => `| ${values.map((v) => v.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(HEADERS), line(HEADERS.map(() => '---')), ...rows.map((row) => line(cells(row)))].join('\n');
}
