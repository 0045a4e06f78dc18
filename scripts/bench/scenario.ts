import type { ServerKind, ServerUnderTest } from './servers.js';

/** One measured figure: `value` for ratios and targets (null when there is nothing to compare), `text` for people. */
export interface Figure {
  value: number | null;
  text: string;
}

export type Target =
  /** project ÷ reference at most `limit` */
  | { kind: 'ratioAtMost'; limit: number }
  /** the project's figure at least `limit` */
  | { kind: 'atLeast'; limit: number; unit: string }
  /** the project's figure below `limit` */
  | { kind: 'below'; limit: number; unit: string };

export interface RowSpec {
  label: string;
  /** Key of the figure in each server's outcome. */
  metric: string;
  target?: Target;
}

export interface ScenarioOutcome {
  figures: Record<string, Figure>;
  /** Details worth reading next to the table (steps, counts, caveats). */
  notes: string[];
}

interface ScenarioSpec {
  id: string;
  title: string;
  rows: RowSpec[];
  /** Start the servers with a hook that lets the scenario force a full GC (for RSS readings). */
  gcHook?: boolean;
  /** Runs per server (default 1); a noisy figure is reported as the median of several. */
  rounds?: number;
  /** Upper bound for one run; a run that takes longer is reported as failed. */
  timeLimitMs: number;
}

/** A measurement run once against each server, each time on a freshly started process. */
export interface SoloScenario extends ScenarioSpec {
  run(server: ServerUnderTest): Promise<ScenarioOutcome>;
}

/** A measurement of both servers at once (freshly started), which share its seconds. */
export interface PairedScenario extends ScenarioSpec {
  runPaired(servers: Record<ServerKind, ServerUnderTest>): Promise<Record<ServerKind, ScenarioOutcome>>;
}

export type Scenario = SoloScenario | PairedScenario;

export function figure(value: number | null, text: string): Figure {
  return { value, text };
}

/** Marks a latency or rate measured while the bench lagged (see BenchLoad). */
export const DISTURBED_MARK = ' ⚠';

export function markedIf(disturbed: boolean, { value, text }: Figure): Figure {
  return { value, text: disturbed ? text + DISTURBED_MARK : text };
}

export function msText(ms: number): string {
  if (!Number.isFinite(ms)) return Number.isNaN(ms) ? 'n/a' : 'undelivered';
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
}

export function msFigure(ms: number): Figure {
  return figure(Number.isNaN(ms) ? null : ms, msText(ms));
}

export function mbText(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function kbText(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
