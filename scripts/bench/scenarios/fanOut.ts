import { closeAll, connectAll, repeatForEach } from '../clientPool.js';
import { watchBenchLoad } from '../benchLoad.js';
import { DeliveryTracker } from '../deliveryTracker.js';
import { cpuMs, cpuMsByThread, memory } from '../procStats.js';
import { figure, markedIf, mbText, msFigure, type SoloScenario } from '../scenario.js';
import type { ServerUnderTest } from '../servers.js';
import { percentile, sleep } from '../stats.js';

export const SECTIONS = 50;
export const EDITORS_PER_SECTION = 4;
export const EDITS_PER_SECOND = 5;
const DURATION_MS = 10_000;
/**
 * Everybody types this long before the measured window opens, so the figures are a running
 * server's, not a just-started process's: without it the first ~300 ms held most of the slowest
 * deliveries, and V8 was still compiling hot code (on the project's larger code base, 30–50 ms of
 * compiler time per second of typing for the first ~10 s). The notes give the warm-up's CPU too.
 */
const WARMUP_MS = 5000;
export const PRESENCE_PERIOD_MS = 1000;
export const SETTLE_MS = 3000;

/**
 * 2. Many small rooms typing at once: throughput and tail latency, each server on its own. Its CPU
 * per update is measured with the servers taking turns instead (fanOutCpu.ts); the notes give
 * this figure too, which moves with the host's speed from one round to the next.
 */
export const fanOut: SoloScenario = {
  id: '2',
  title: `fan-out: ${SECTIONS} sections × ${EDITORS_PER_SECTION} editors × ${EDITS_PER_SECOND} edits/s for ${DURATION_MS / 1000} s ` +
    `after ${WARMUP_MS / 1000} s unmeasured, presence ~1/s each`,
  rows: [
    { label: 'fan-out: updates applied/s (reached all receivers)', metric: 'throughput' },
    { label: 'fan-out: p99 latency', metric: 'p99', target: { kind: 'ratioAtMost', limit: 1.25 } },
    { label: 'fan-out: server peak RSS', metric: 'peakRss' },
  ],
  rounds: 5,
  timeLimitMs: 60_000,
  async run(server) {
    const clients = await connectAll(fanOutRoomUrls(server));
    const presence = repeatForEach(clients, PRESENCE_PERIOD_MS, (client) => client.publishAwareness());
    try {
      await sleep(PRESENCE_PERIOD_MS);
      let tracker: DeliveryTracker | null = null;
      let warmupEdits = 0;
      const warmupCpuBefore = cpuMs(server.pid);
      const typing = repeatForEach(clients, 1000 / EDITS_PER_SECOND, (client) => {
        const edit = client.edit();
        if (tracker) tracker.expect(edit, EDITORS_PER_SECTION - 1);
        else warmupEdits++;
      });
      await sleep(WARMUP_MS);
      const warmupCpuPerThousand = (cpuMs(server.pid) - warmupCpuBefore) / (warmupEdits / 1000);
      tracker = new DeliveryTracker();
      tracker.listen(clients);
      const cpuBefore = cpuMs(server.pid);
      const threadsBefore = cpuMsByThread(server.pid);
      const bench = watchBenchLoad();
      const start = performance.now();
      await sleep(DURATION_MS);
      typing.stop();
      const end = performance.now();
      await tracker.settled(SETTLE_MS);
      const cpu = cpuMs(server.pid) - cpuBefore;
      const threadsAfter = cpuMsByThread(server.pid);
      const load = bench.stop();
      const latencies = tracker.finish();
      // A server that fell behind needed longer than the sending window to apply what was sent.
      const seconds = (Math.max(end, tracker.lastCompletedAt) - start) / 1000;
      const throughput = tracker.completed / seconds;
      const cpuPerThousand = tracker.completed > 0 ? cpu / (tracker.completed / 1000) : NaN;
      const { peakRss } = memory(server.pid);
      return {
        figures: {
          throughput: markedIf(load.disturbed, figure(throughput, `${Math.round(throughput)}/s`)),
          p99: markedIf(load.disturbed, msFigure(percentile(latencies, 99))),
          peakRss: figure(peakRss, mbText(peakRss)),
        },
        notes: [
          `offered ${SECTIONS * EDITORS_PER_SECTION * EDITS_PER_SECOND} edits/s; sent ${tracker.sent}, reached all receivers ${tracker.completed}, ` +
          `${tracker.undelivered} deliveries undelivered; p50 ${msFigure(percentile(latencies, 50)).text}, p99 ${msFigure(percentile(latencies, 99)).text}; ` +
          `server CPU ${(cpu / 10 / seconds).toFixed(0)}% of a core, ${cpuPerThousand.toFixed(0)} ms per 1,000 updates (presence traffic included): ` +
          `event loop ${(threadsAfter.main - threadsBefore.main).toFixed(0)} ms, other threads ${(threadsAfter.others - threadsBefore.others).toFixed(0)} ms; ` +
          `during the warm-up ${warmupCpuPerThousand.toFixed(0)} ms CPU per 1,000 edits sent; ${load.text}`,
        ],
      };
    } finally {
      presence.stop();
      await closeAll(clients);
    }
  },
};

/** Every editor's room URL: EDITORS_PER_SECTION connections to each of the first SECTIONS sections. */
export function fanOutRoomUrls(server: ServerUnderTest): string[] {
  return server.sectionKeys.slice(0, SECTIONS).flatMap((key) => Array<string>(EDITORS_PER_SECTION).fill(server.roomUrl(key)));
}
