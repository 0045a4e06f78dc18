import type { BenchClient } from '../benchClient.js';
import { watchBenchLoad } from '../benchLoad.js';
import { closeAll, connectAll, pickRandom, repeatForEach } from '../clientPool.js';
import { DeliveryTracker } from '../deliveryTracker.js';
import { cpuMs } from '../procStats.js';
import { figure, markedIf, msText, type SoloScenario } from '../scenario.js';
import { percentile, sleep } from '../stats.js';

const STEP = 100;
const MAX_EDITORS = 800;
const TYPISTS = 5;
const EDIT_INTERVAL_MS = 100;
const PRESENCE_PERIOD_MS = 1000;
/** Lets the burst of a step's joins drain and the newcomers' presence reach its steady rate. */
const WARMUP_MS = 1500;
const MEASURE_MS = 3000;
const SETTLE_MS = 1000;
const P99_LIMIT_MS = 100;
const TIME_CAP_MS = 60_000;

interface StepResult {
  passed: boolean;
  /** The bench lagged during the step, so a failure may be the bench's rather than the server's. */
  disturbed: boolean;
  summary: string;
}

/**
 * 3. Editors join one section 100 at a time, each publishing presence ~1/s (N² frames/s for a
 * relay that forwards each change), while a few of them type; a server passes a step while
 * edits reach everyone with p99 ≤ 100 ms. Stepping stops at the first failure or when the
 * time cap would be passed.
 */
export const editorsPerSection: SoloScenario = {
  id: '3',
  title: `editors in one section until p99 > ${P99_LIMIT_MS} ms: steps of ${STEP} up to ${MAX_EDITORS}, presence ~1/s each, ${TYPISTS} typists at ${1000 / EDIT_INTERVAL_MS} edits/s`,
  rows: [{ label: `max editors in one section with p99 ≤ ${P99_LIMIT_MS} ms`, metric: 'maxEditors', target: { kind: 'atLeast', limit: 600, unit: ' editors' } }],
  timeLimitMs: TIME_CAP_MS + 30_000,
  async run(server) {
    const url = server.roomUrl(server.sectionKeys[0]!);
    const clients: BenchClient[] = [];
    const presence: { stop(): void }[] = [];
    const notes: string[] = [];
    const started = performance.now();
    let passedEditors = 0;
    let failedStep: StepResult | null = null;
    let capped = false;
    let lastStepMs = 0;
    try {
      for (let editors = STEP; editors <= MAX_EDITORS; editors += STEP) {
        if (performance.now() - started + lastStepMs > TIME_CAP_MS) {
          capped = true;
          break;
        }
        const stepStart = performance.now();
        const step = await measureStep(editors);
        lastStepMs = performance.now() - stepStart;
        notes.push(`${editors} editors: ${step.summary}`);
        if (!step.passed) {
          failedStep = step;
          break;
        }
        passedEditors = editors;
      }
    } finally {
      for (const ticker of presence) ticker.stop();
      await closeAll(clients);
    }
    const text = failedStep ? (passedEditors === 0 ? `< ${STEP}` : String(passedEditors))
      : `≥ ${passedEditors} (${capped ? 'time cap' : 'every step passed'})`;
    return { figures: { maxEditors: markedIf(failedStep?.disturbed ?? false, figure(passedEditors, text)) }, notes };

    async function measureStep(editors: number): Promise<StepResult> {
      try {
        const joined = await connectAll(Array<string>(editors - clients.length).fill(url));
        clients.push(...joined);
        presence.push(repeatForEach(joined, PRESENCE_PERIOD_MS, (client) => client.publishAwareness()));
      } catch (err) {
        return { passed: false, disturbed: false, summary: `could not join: ${(err as Error).message}` };
      }
      await sleep(WARMUP_MS);
      const tracker = new DeliveryTracker();
      tracker.listen(clients);
      const typists = clients.slice(0, TYPISTS);
      const cpuBefore = cpuMs(server.pid);
      const bench = watchBenchLoad();
      const start = performance.now();
      const typing = setInterval(() => tracker.expect(pickRandom(typists).edit(), clients.length - 1), EDIT_INTERVAL_MS);
      await sleep(MEASURE_MS);
      clearInterval(typing);
      await tracker.settled(SETTLE_MS);
      const serverCpu = (cpuMs(server.pid) - cpuBefore) / (performance.now() - start);
      const load = bench.stop();
      const latencies = tracker.finish();
      const p99 = percentile(latencies, 99);
      return {
        passed: p99 <= P99_LIMIT_MS,
        disturbed: load.disturbed,
        summary: `p50 ${msText(percentile(latencies, 50))}, p99 ${msText(p99)}, ${tracker.undelivered} of ${latencies.length} deliveries undelivered; ` +
          `server CPU ${(serverCpu * 100).toFixed(0)}% of a core; ${load.text}`,
      };
    }
  },
};
