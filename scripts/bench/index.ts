/**
 * `npm run bench`: the project server (auth, permission gate, durable SQLite) against a bare
 * y-protocols relay, each scenario on a freshly started process of each, both on loopback.
 * Prints a table (also written to scripts/bench/last-results.md) and exits by itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { prepareProjectFixture, type ProjectFixture } from './projectFixture.js';
import { waitForQuietHost } from './quietHost.js';
import { describeRun } from './runInfo.js';
import {
  DISTURBED_MARK, figure, type Figure, type PairedScenario, type Scenario, type ScenarioOutcome, type SoloScenario,
} from './scenario.js';
import { coldLoad } from './scenarios/coldLoad.js';
import { concurrentConnections } from './scenarios/concurrentConnections.js';
import { editorsPerSection } from './scenarios/editorsPerSection.js';
import { fanOut } from './scenarios/fanOut.js';
import { fanOutCpu } from './scenarios/fanOutCpu.js';
import { idleMemory } from './scenarios/idleMemory.js';
import { propagation } from './scenarios/propagation.js';
import { wordExportRow } from './scenarios/wordExport.js';
import { appendsDuringCompactionRow } from './scenarios/appendsDuringCompaction.js';
import { BASELINE_ROOT, killRunningServers, startServer, type ServerKind, type ServerUnderTest } from './servers.js';
import { withTimeout } from './stats.js';
import { markdownTable, plainTable, type TableRow } from './table.js';

const SCENARIOS: Scenario[] = [propagation, fanOut, fanOutCpu, editorsPerSection, concurrentConnections, coldLoad, idleMemory];
const SERVER_KINDS: ServerKind[] = ['project', 'reference'];
const RESULTS_FILE = path.join(import.meta.dirname, 'last-results.md');
const LEGEND = `${DISTURBED_MARK.trim()} measured while the bench's event loop lagged (a busy machine, or the bench at its own limit): ` +
  'the figure includes the bench\'s waiting, rerun before acting on it.';
/** Far above the ~6 minutes a run takes: a hung run still ends. */
const OVERALL_LIMIT_MS = 15 * 60_000;

let fixture: ProjectFixture | null = null;

async function main(): Promise<number> {
  await waitForQuietHost();
  const startedAt = new Date();
  const header = describeRun(startedAt);
  console.log(header.join('\n'));
  fixture = await prepareProjectFixture();
  const rows: TableRow[] = [];
  const notes: string[] = [];
  let failures = 0;
  // BENCH_ONLY=2,5 runs only those scenarios (for profiling one at a time).
  const only = process.env.BENCH_ONLY?.split(',');
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(String(s.id)))) {
    console.log(`\n[${scenario.id}] ${scenario.title}`);
    const outcomes = new Map<ServerKind, ScenarioOutcome[]>(SERVER_KINDS.map((kind) => [kind, []]));
    const rounds = scenario.rounds ?? 1;
    // Rounds alternate between the servers, so a slow spell of the machine hits both alike.
    for (let round = 1; round <= rounds; round++) {
      const label = (kind: ServerKind) => (rounds > 1 ? `${kind} round ${round}` : kind);
      const record = (kind: ServerKind, outcome: ScenarioOutcome, seconds: number) => {
        outcomes.get(kind)!.push(outcome);
        for (const note of outcome.notes) notes.push(`${scenario.id} ${label(kind)}: ${note}`);
        console.log(`  ${label(kind)} (${seconds.toFixed(1)} s): ${outcome.notes.join('\n    ')}`);
      };
      const fail = (what: string, err: unknown) => {
        failures++;
        const message = (err as Error).message;
        notes.push(`${scenario.id} ${what}: FAILED: ${message.split('\n')[0]}`);
        console.log(`  ${what} FAILED: ${message}`);
      };
      if ('runPaired' in scenario) {
        const start = performance.now();
        try {
          const paired = await runPaired(scenario, fixture);
          for (const kind of SERVER_KINDS) record(kind, paired[kind], (performance.now() - start) / 1000);
        } catch (err) {
          fail(rounds > 1 ? `round ${round}` : 'both servers', err);
        }
        continue;
      }
      for (const kind of SERVER_KINDS) {
        const start = performance.now();
        try {
          record(kind, await runOnce(scenario, kind, fixture), (performance.now() - start) / 1000);
        } catch (err) {
          fail(label(kind), err);
        }
      }
    }
    for (const spec of scenario.rows) {
      const [project, reference] = [outcomes.get('project')!, outcomes.get('reference')!];
      rows.push({
        scenario: scenario.id, spec,
        ...('runPaired' in scenario
          ? medianPairedRound(project, reference, spec.metric)
          : { project: medianFigure(project, spec.metric), reference: medianFigure(reference, spec.metric) }),
      });
    }
  }
  for (const [id, label, row] of [
    ['7', 'Word export of a 100-page report', wordExportRow],
    ['8', 'appends while a large section is compacted', appendsDuringCompactionRow],
  ] as const) {
    if (only && !only.includes(id)) continue;
    try {
      rows.push(await row());
    } catch (err) {
      failures++;
      notes.push(`${id}: FAILED: ${(err as Error).message.split('\n')[0]}`);
      rows.push({ scenario: id, spec: { label, metric: 'error' }, project: figure(null, 'error'), reference: figure(null, '—') });
    }
  }
  const runtime = `total runtime: ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`;
  console.log(`\n${plainTable(rows)}\n${LEGEND}\n\nnotes:\n${notes.map((n) => `  ${n}`).join('\n')}\n\n${runtime}`);
  // A comparison of two checkouts is not the project's result against the relay.
  if (BASELINE_ROOT) return failures > 0 ? 1 : 0;
  fs.writeFileSync(RESULTS_FILE, [
    '## Benchmark: project server vs. a bare y-protocols relay', '',
    ...header.map((line) => `    ${line}`), '',
    'Scenarios (each on a freshly started process of each server, one after the other unless the scenario',
    'says the servers take turns; where a scenario has several rounds they alternate between the servers',
    'and the table shows the median round, for servers taking turns the round with the median ratio):', '',
    ...SCENARIOS.map((scenario) => `${scenario.id}. ${scenario.title}${scenario.rounds ? `, ${scenario.rounds} rounds` : ''}`), '',
    markdownTable(rows), '', LEGEND, '',
    'Notes:', '', ...notes.map((note) => `- ${note}`), '',
    runtime, '',
  ].join('\n'));
  console.log(`written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  return failures > 0 ? 1 : 0;
}

/** The figure of the median round (all rounds failing: an error); a figure without a value sorts last. */
function medianFigure(outcomes: readonly ScenarioOutcome[], metric: string): Figure {
  const figures = outcomes.map((outcome) => outcome.figures[metric]).filter((f): f is Figure => f !== undefined);
  if (figures.length === 0) return figure(null, 'error');
  figures.sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity));
  const median = figures[Math.floor((figures.length - 1) / 2)]!;
  return figures.length > 1 ? { ...median, text: `${median.text} (median of ${figures.length})` } : median;
}

/**
 * The round with the median ratio, where both servers were measured in the same seconds: the
 * ratio is the comparison, and the host's speed moves both figures from one round to the next, so
 * two medians taken apart could come from different rounds.
 */
function medianPairedRound(
  project: readonly ScenarioOutcome[], reference: readonly ScenarioOutcome[], metric: string,
): Pick<TableRow, 'project' | 'reference'> {
  // A failed round records neither server, so the two lists stay aligned.
  const rounds = project.map((outcome, i) => ({ project: outcome.figures[metric], reference: reference[i]?.figures[metric] }))
    .filter((r): r is { project: Figure; reference: Figure } => r.project?.value != null && r.reference?.value != null)
    .map((r) => ({ ...r, ratio: r.project.value! / r.reference.value! }))
    .sort((a, b) => a.ratio - b.ratio);
  if (rounds.length === 0) return { project: medianFigure(project, metric), reference: medianFigure(reference, metric) };
  const median = rounds[Math.floor((rounds.length - 1) / 2)]!;
  const ratios = rounds.map((r) => `${r.ratio.toFixed(2)}×`).join(', ');
  const of = rounds.length > 1 ? ` (round with the median ratio of ${rounds.length}: ${ratios})` : '';
  return { project: { ...median.project, text: median.project.text + of }, reference: median.reference };
}

/** One scenario against one freshly started server, which is stopped whatever happens. */
async function runOnce(scenario: SoloScenario, kind: ServerKind, data: ProjectFixture): Promise<ScenarioOutcome> {
  const server = await startServer(kind, data, { gcHook: scenario.gcHook });
  try {
    return await withTimeout(scenario.run(server), scenario.timeLimitMs, `scenario ${scenario.id}`);
  } catch (err) {
    throw withOutput(err, [server]);
  } finally {
    await server.stop();
  }
}

/** One scenario against both servers at once, freshly started and stopped whatever happens. */
async function runPaired(scenario: PairedScenario, data: ProjectFixture): Promise<Record<ServerKind, ScenarioOutcome>> {
  const project = await startServer('project', data, { gcHook: scenario.gcHook });
  try {
    const reference = await startServer('reference', data, { gcHook: scenario.gcHook });
    try {
      return await withTimeout(scenario.runPaired({ project, reference }), scenario.timeLimitMs, `scenario ${scenario.id}`);
    } catch (err) {
      throw withOutput(err, [project, reference]);
    } finally {
      await reference.stop();
    }
  } finally {
    await project.stop();
  }
}

/** The error with the servers' last lines of output, which usually explain it. */
function withOutput(err: unknown, servers: readonly ServerUnderTest[]): Error {
  const output = servers.flatMap((server) => server.recentOutput().map((line) => `${server.kind}: ${line}`));
  return new Error((err as Error).message + (output.length ? `\n    server output:\n      ${output.join('\n      ')}` : ''));
}

function exit(code: number): never {
  killRunningServers();
  fixture?.remove();
  process.exit(code);
}

process.on('exit', killRunningServers);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => exit(130));
setTimeout(() => {
  console.error(`bench: still running after ${OVERALL_LIMIT_MS / 60_000} minutes; stopping`);
  exit(1);
}, OVERALL_LIMIT_MS).unref();
main().then(exit, (err: unknown) => {
  console.error(err);
  exit(1);
});
