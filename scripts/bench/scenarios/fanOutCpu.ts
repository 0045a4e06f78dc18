import { closeAll, connectAll, repeatForEach } from '../clientPool.js';
import { watchBenchLoad } from '../benchLoad.js';
import { DeliveryTracker } from '../deliveryTracker.js';
import { cpuMs, cpuMsByThread } from '../procStats.js';
import { figure, type PairedScenario, type ScenarioOutcome } from '../scenario.js';
import type { ServerKind, ServerUnderTest } from '../servers.js';
import { sleep } from '../stats.js';
import {
  EDITORS_PER_SECTION, EDITS_PER_SECOND, PRESENCE_PERIOD_MS, SECTIONS, SETTLE_MS, fanOutRoomUrls,
} from './fanOut.js';

/** Measured typing per server. */
const DURATION_MS = 10_000;
/**
 * The servers take turns this long: only one is typed into at any moment, and both are measured
 * within the same seconds. The speed of this VM's cores swings by a third from one spell of a
 * few seconds to the next (a fixed piece of work took 285–549 ms across 30 s), which decided the
 * CPU ratio when each server had a 10 s window of its own. Not a divisor of the presence period,
 * so every editor's presence reaches both servers.
 */
const TURN_MS = 700;
/**
 * Typing per server before the measured window opens, so the figure is a running server's, not a
 * just-started process's: V8 compiles hot code on helper threads, and the presence path, which
 * runs a fifth as often as typing, was still being optimised 15 s after start (`--trace-opt`:
 * 200 ms of compiler time in the project's window with 5 s of warm-up, 60 ms in the relay's).
 * The notes give the warm-up's CPU too.
 */
const WARMUP_MS = 10_000;
const KINDS: ServerKind[] = ['project', 'reference'];

/**
 * 2. The fan-out's server CPU per applied update: the same typing, with both servers up at once and
 * taking turns. Latency is measured in fanOut.ts, one server at a time: here a server's first
 * deliveries after an idle turn are slower (p99 11–21 ms in the first 150 ms of a turn) and the
 * bench, holding twice the clients, lags twice as much.
 */
export const fanOutCpu: PairedScenario = {
  id: '2',
  title: `fan-out CPU: the same typing for ${DURATION_MS / 1000} s per server after ${WARMUP_MS / 1000} s unmeasured, ` +
    `both servers up, taking ${TURN_MS} ms turns`,
  rows: [
    { label: 'fan-out: server CPU ms per 1,000 applied updates (servers taking turns)', metric: 'cpuPerThousand', target: { kind: 'ratioAtMost', limit: 1.25 } },
  ],
  rounds: 3,
  timeLimitMs: 120_000,
  async runPaired(servers) {
    const clients = {} as Record<ServerKind, Awaited<ReturnType<typeof connectAll>>>;
    try {
      for (const kind of KINDS) clients[kind] = await connectAll(fanOutRoomUrls(servers[kind]));
      return await typeInTurns(servers, clients);
    } finally {
      await Promise.all(KINDS.map((kind) => clients[kind] && closeAll(clients[kind])));
    }
  },
};

/** Editor i of one server types exactly when editor i of the other would, had it the turn. */
async function typeInTurns(
  servers: Record<ServerKind, ServerUnderTest>,
  clients: Record<ServerKind, Awaited<ReturnType<typeof connectAll>>>,
): Promise<Record<ServerKind, ScenarioOutcome>> {
  const editors = clients.project.map((_, i) => i);
  const turn = new Turns();
  for (const kind of KINDS) for (const client of clients[kind]) client.publishAwareness();
  const presence = repeatForEach(editors, PRESENCE_PERIOD_MS, (i) => clients[turn.kind][i]!.publishAwareness());
  let trackers: Record<ServerKind, DeliveryTracker> | null = null;
  const warmupEdits = { project: 0, reference: 0 };
  const typing = repeatForEach(editors, 1000 / EDITS_PER_SECOND, (i) => {
    const edit = clients[turn.kind][i]!.edit();
    if (trackers) trackers[turn.kind].expect(edit, EDITORS_PER_SECTION - 1);
    else warmupEdits[turn.kind]++;
  });
  try {
    const cpuAtStart = cpuOf(servers);
    await sleep(2 * WARMUP_MS);
    const warmupCpu = cpuOf(servers);
    trackers = { project: new DeliveryTracker(), reference: new DeliveryTracker() };
    for (const kind of KINDS) trackers[kind].listen(clients[kind]);
    const threadsBefore = { project: cpuMsByThread(servers.project.pid), reference: cpuMsByThread(servers.reference.pid) };
    const turnsBefore = turn.elapsed();
    const bench = watchBenchLoad();
    await sleep(2 * DURATION_MS);
    typing.stop();
    const turnsAfter = turn.elapsed();
    await Promise.all(KINDS.map((kind) => trackers![kind].settled(SETTLE_MS)));
    const load = bench.stop();
    const cpuAtEnd = cpuOf(servers);
    const outcome = (kind: ServerKind): ScenarioOutcome => {
      const tracker = trackers![kind];
      const cpu = cpuAtEnd[kind] - warmupCpu[kind];
      const threadsAfter = cpuMsByThread(servers[kind].pid);
      tracker.finish();
      const seconds = (turnsAfter[kind] - turnsBefore[kind]) / 1000;
      const cpuPerThousand = tracker.completed > 0 ? cpu / (tracker.completed / 1000) : NaN;
      const warmupCpuPerThousand = (warmupCpu[kind] - cpuAtStart[kind]) / (warmupEdits[kind] / 1000);
      return {
        figures: { cpuPerThousand: figure(cpuPerThousand, `${cpuPerThousand.toFixed(0)} ms`) },
        notes: [
          `offered ${SECTIONS * EDITORS_PER_SECTION * EDITS_PER_SECOND} edits/s during its turns (${seconds.toFixed(1)} s); ` +
          `sent ${tracker.sent}, reached all receivers ${tracker.completed}, ${tracker.undelivered} deliveries undelivered; ` +
          `server CPU ${cpu.toFixed(0)} ms over both servers' turns (presence traffic included): ` +
          `event loop ${(threadsAfter.main - threadsBefore[kind].main).toFixed(0)} ms, other threads ${(threadsAfter.others - threadsBefore[kind].others).toFixed(0)} ms; ` +
          `during the warm-up ${warmupCpuPerThousand.toFixed(0)} ms CPU per 1,000 edits sent; ${load.text}`,
        ],
      };
    };
    return { project: outcome('project'), reference: outcome('reference') };
  } finally {
    turn.stop();
    typing.stop();
    presence.stop();
  }
}

/** Whose turn it is, and how long each server has had the turn so far. */
class Turns {
  kind: ServerKind = 'project';
  private readonly turnMs = { project: 0, reference: 0 };
  private since = performance.now();
  private readonly timer = setInterval(() => {
    this.credit();
    this.kind = this.kind === 'project' ? 'reference' : 'project';
  }, TURN_MS);

  elapsed(): Record<ServerKind, number> {
    this.credit();
    return { ...this.turnMs };
  }

  stop() {
    clearInterval(this.timer);
  }

  private credit() {
    const now = performance.now();
    this.turnMs[this.kind] += now - this.since;
    this.since = now;
  }
}

function cpuOf(servers: Record<ServerKind, ServerUnderTest>): Record<ServerKind, number> {
  return { project: cpuMs(servers.project.pid), reference: cpuMs(servers.reference.pid) };
}
