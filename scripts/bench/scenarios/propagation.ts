import { closeAll, connectAll, pickRandom, repeatForEach } from '../clientPool.js';
import { watchBenchLoad } from '../benchLoad.js';
import { DeliveryTracker } from '../deliveryTracker.js';
import { markedIf, msFigure, type SoloScenario } from '../scenario.js';
import { percentile, sleep } from '../stats.js';

const EDITORS = 20;
const EDITS = 300;
/** Unmeasured edits first, so a just-started process's JIT warm-up is not in the figures. */
const WARMUP_EDITS = 30;
const PRESENCE_PERIOD_MS = 1000;
/** Between one edit reaching everybody and the next edit. */
const PAUSE_MS = 10;
const DELIVERY_TIMEOUT_MS = 2000;

/** 1. Sequential edits from random editors in one section; latency to every other editor. */
export const propagation: SoloScenario = {
  id: '1',
  title: `propagation latency: ${EDITORS} editors in one section, ${EDITS} sequential edits, presence ~1/s each`,
  rows: [
    { label: `propagation p50 (${EDITORS} editors, ${EDITS} edits)`, metric: 'p50' },
    { label: 'propagation p95', metric: 'p95' },
    { label: 'propagation p99', metric: 'p99', target: { kind: 'ratioAtMost', limit: 1.25 } },
  ],
  // Its p99 is the third-slowest of 300 edits, so one round's figure hangs on three moments: over
  // five rounds the median still moved 0.81-1.26x between runs of the same code, hence nine.
  rounds: 9,
  timeLimitMs: 60_000,
  async run(server) {
    const clients = await connectAll(Array(EDITORS).fill(server.roomUrl(server.sectionKeys[0]!)));
    const presence = repeatForEach(clients, PRESENCE_PERIOD_MS, (client) => client.publishAwareness());
    try {
      await sleep(PRESENCE_PERIOD_MS);
      const editSequentially = async (edits: number) => {
        const tracker = new DeliveryTracker();
        tracker.listen(clients);
        for (let i = 0; i < edits; i++) {
          tracker.expect(pickRandom(clients).edit(), EDITORS - 1);
          await tracker.settled(DELIVERY_TIMEOUT_MS);
          await sleep(PAUSE_MS);
        }
        tracker.finish();
        return tracker;
      };
      await editSequentially(WARMUP_EDITS);
      const bench = watchBenchLoad();
      const tracker = await editSequentially(EDITS);
      const load = bench.stop();
      const { latencies } = tracker;
      const latency = (p: number) => markedIf(load.disturbed, msFigure(percentile(latencies, p)));
      return {
        figures: { p50: latency(50), p95: latency(95), p99: latency(99) },
        notes: [`${latencies.length} deliveries, ${tracker.undelivered} undelivered, max ${msFigure(Math.max(...latencies)).text}; ${load.text}`],
      };
    } finally {
      presence.stop();
      await closeAll(clients);
    }
  },
};
