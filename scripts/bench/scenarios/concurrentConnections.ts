import { chunk, closeAll, connectAll, pickRandom, repeatForEach } from '../clientPool.js';
import { watchBenchLoad } from '../benchLoad.js';
import { DeliveryTracker } from '../deliveryTracker.js';
import { cpuMs, memory } from '../procStats.js';
import { figure, markedIf, mbText, msFigure, msText, type SoloScenario } from '../scenario.js';
import { percentile, sleep } from '../stats.js';

const SECTIONS = 500;
const CONNECTIONS_PER_SECTION = 4;
const CONNECTIONS = SECTIONS * CONNECTIONS_PER_SECTION;
const PRESENCE_PERIOD_MS = 1000;
/** Every section has somebody typing: one edit per section per second, from a random one of its editors. */
const EDIT_PERIOD_PER_SECTION_MS = 1000;
const WARMUP_MS = 2000;
const MEASURE_MS = 8000;
const SETTLE_MS = 2000;

/** 4. 2,000 connections over 500 sections on one process, all present, every section typing. */
export const concurrentConnections: SoloScenario = {
  id: '4',
  title: `${CONNECTIONS} connections across ${SECTIONS} sections: presence ~1/s each, one edit per section per second (${SECTIONS} edits/s)`,
  rows: [
    { label: `connections held (${SECTIONS} sections)`, metric: 'connections', target: { kind: 'atLeast', limit: CONNECTIONS, unit: ' connections' } },
    { label: `p99 edit latency under ${CONNECTIONS} connections`, metric: 'p99', target: { kind: 'below', limit: 50, unit: ' ms' } },
  ],
  timeLimitMs: 90_000,
  async run(server) {
    const urls = server.sectionKeys.slice(0, SECTIONS).flatMap((key) => Array<string>(CONNECTIONS_PER_SECTION).fill(server.roomUrl(key)));
    const connectStart = performance.now();
    const clients = await connectAll(urls, 64);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    const presence = repeatForEach(clients, PRESENCE_PERIOD_MS, (client) => client.publishAwareness());
    try {
      await sleep(WARMUP_MS);
      const tracker = new DeliveryTracker();
      tracker.listen(clients);
      const cpuBefore = cpuMs(server.pid);
      const bench = watchBenchLoad();
      const start = performance.now();
      const typing = repeatForEach(chunk(clients, CONNECTIONS_PER_SECTION), EDIT_PERIOD_PER_SECTION_MS,
        (room) => tracker.expect(pickRandom(room).edit(), CONNECTIONS_PER_SECTION - 1));
      await sleep(MEASURE_MS);
      typing.stop();
      await tracker.settled(SETTLE_MS);
      const serverCpu = (cpuMs(server.pid) - cpuBefore) / (performance.now() - start);
      const load = bench.stop();
      const latencies = tracker.finish();
      const counts = await server.health();
      return {
        figures: {
          connections: figure(clients.length, `${clients.length} (connected in ${connectSeconds.toFixed(1)} s)`),
          p99: markedIf(load.disturbed, msFigure(percentile(latencies, 99))),
        },
        notes: [
          `p50 ${msText(percentile(latencies, 50))}, p95 ${msText(percentile(latencies, 95))}; ${tracker.completed} of ${tracker.sent} edits reached all receivers, ` +
          `${tracker.undelivered} deliveries undelivered; server CPU ${(serverCpu * 100).toFixed(0)}% of a core, RSS ${mbText(memory(server.pid).rss)}; ${load.text}` +
          (counts ? `; /healthz: ${counts.rooms} rooms, ${counts.connections} connections` : ''),
        ],
      };
    } finally {
      presence.stop();
      await closeAll(clients);
    }
  },
};
