import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { listeningPort } from './listeningPort.js';
import { DEMO_PASSWORD, type ProjectFixture } from './projectFixture.js';
import { sleep, withTimeout } from './stats.js';

export type ServerKind = 'project' | 'reference';

const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * BENCH_BASELINE=<another checkout> starts that checkout's project server where the relay would
 * stand, to measure a change against the code before it: every ratio then reads this checkout
 * divided by that one, both measured in the same seconds.
 */
export const BASELINE_ROOT = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
const UNLOAD_GRACE_MS = 1000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_LINES_KEPT = 40;
/** The line gcOnSignal.ts prints after a forced collection. */
const GC_REPORT_EVENT = 'bench.gc';
/** A full collection of a few hundred MB of heap takes well under this. */
const GC_TIMEOUT_MS = 5000;
/** Beyond the grace period: the unload itself (flush, compaction) and timer slack. */
const UNLOAD_WAIT_MS = 1500;

/** Loaded room and connection counts, when the server's /healthz reports them. */
export interface RoomCounts {
  rooms: number;
  connections: number;
}

export interface ServerUnderTest {
  kind: ServerKind;
  pid: number;
  sectionKeys: readonly string[];
  /** The websocket URL of a section's room, with the session token where one is needed. */
  roomUrl(sectionKey: string): string;
  health(): Promise<RoomCounts | null>;
  /** Resolves once rooms without connections have been unloaded (the reference never unloads). */
  idleRoomsUnloaded(): Promise<void>;
  /** Runs a full garbage collection in the server (only when started with `gcHook`); resolves with the live heap in bytes. */
  collectGarbage(): Promise<number>;
  /** The last lines the server printed, to explain a failure. */
  recentOutput(): string[];
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Last resort on exit or interruption: no server outlives the bench. */
export function killRunningServers() {
  for (const proc of running) proc.kill('SIGKILL');
  running.clear();
}

export async function startServer(kind: ServerKind, fixture: ProjectFixture, opts: { gcHook?: boolean } = {}): Promise<ServerUnderTest> {
  const runsProject = kind === 'project' || BASELINE_ROOT !== null;
  const [script, env] = runsProject
    ? ['server/index.ts', {
      DATA_DIR: fixture.freshDataDir(), GONGXIE_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'warn',
      UNLOAD_GRACE_MS: String(UNLOAD_GRACE_MS), HOST: '127.0.0.1', DATABASE_URL: '', REDIS_URL: '',
    }]
    : ['scripts/bench/referenceServer.ts', {}];
  const gcHook = opts.gcHook ? ['--expose-gc', '--import', './scripts/bench/gcOnSignal.ts'] : [];
  // BENCH_CPU_PROF=<dir> writes V8 CPU profiles of both servers to <dir>/<kind> (open them in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.join(process.env.BENCH_CPU_PROF, kind)] : [];
  const proc = spawn(process.execPath, ['--import', 'tsx', ...profile, ...gcHook, script], {
    cwd: kind === 'reference' && BASELINE_ROOT ? BASELINE_ROOT : ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  const output: string[] = [];
  const gcReports: ((heapUsed: number) => void)[] = [];
  for (const stream of [proc.stdout!, proc.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (line.includes(`"event":"${GC_REPORT_EVENT}"`)) {
        gcReports.shift()?.((JSON.parse(line) as { heapUsed: number }).heapUsed);
        return;
      }
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
    });
  }
  const exited = new Promise<void>((resolve) => proc.once('exit', () => { running.delete(proc); resolve(); }));
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await listeningPort(proc.pid!, exited);
    const base = `127.0.0.1:${port}`;
    const roomPath = (key: string) => `ws://${base}/collab/reports/${fixture.reportId}/sections/${key}`;
    const collectGarbage = async () => {
      if (!opts.gcHook) throw new Error('server started without the GC hook');
      const report = new Promise<number>((resolve) => gcReports.push(resolve));
      proc.kill('SIGUSR2');
      return withTimeout(report, GC_TIMEOUT_MS, 'a forced garbage collection');
    };
    const common = { kind, pid: proc.pid!, sectionKeys: fixture.sectionKeys, collectGarbage, recentOutput: () => [...output], stop };
    if (!runsProject) {
      return { ...common, roomUrl: roomPath, health: async () => null, idleRoomsUnloaded: async () => undefined };
    }
    const token = await login(`http://${base}`);
    const health = () => roomCounts(`http://${base}`);
    return {
      ...common,
      roomUrl: (key) => `${roomPath(key)}?token=${encodeURIComponent(token)}`,
      health,
      idleRoomsUnloaded: () => idleRoomsUnloaded(health),
    };
  } catch (err) {
    await stop();
    throw new Error(`${kind} server did not start: ${(err as Error).message}\n${output.join('\n')}`);
  }
}

/** Signs in as `principal`, who may edit every section. */
async function login(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'principal', password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Polls the loaded room count when /healthz reports it; otherwise waits out the grace period. */
async function idleRoomsUnloaded(health: () => Promise<RoomCounts | null>): Promise<void> {
  const deadline = Date.now() + UNLOAD_GRACE_MS + UNLOAD_WAIT_MS;
  let counts = await health();
  if (!counts) return sleep(UNLOAD_GRACE_MS + UNLOAD_WAIT_MS);
  while (counts && counts.rooms > 0 && Date.now() < deadline) {
    await sleep(100);
    counts = await health();
  }
}

async function roomCounts(baseUrl: string): Promise<RoomCounts | null> {
  const body = (await (await fetch(`${baseUrl}/healthz`)).json()) as Partial<RoomCounts>;
  return typeof body.rooms === 'number' && typeof body.connections === 'number'
    ? { rooms: body.rooms, connections: body.connections } : null;
}
