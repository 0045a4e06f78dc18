import { BenchClient } from '../benchClient.js';
import { closeAll, connectAll } from '../clientPool.js';
import { memory } from '../procStats.js';
import { figure, kbText, mbText, type SoloScenario } from '../scenario.js';
import type { RoomCounts, ServerUnderTest } from '../servers.js';
import { sleep } from '../stats.js';

const SECTIONS = 200;
const EXTRA_CONNECTIONS = 1000;
/** Lets joins and presence finish before memory is read. */
const SETTLE_MS = 1000;

interface MemoryReading {
  rss: number;
  heap: number;
}

/** RSS and live heap after a forced full collection: live memory, not the garbage of the moment. */
async function readMemory(server: ServerUnderTest): Promise<MemoryReading> {
  const heap = await server.collectGarbage();
  return { rss: memory(server.pid).rss, heap };
}

function readingText({ rss, heap }: MemoryReading): string {
  return `RSS ${mbText(rss)} (heap ${mbText(heap)})`;
}

function countsText(counts: RoomCounts | null): string {
  return counts ? `${counts.rooms} rooms, ${counts.connections} connections` : 'room counts not reported';
}

/**
 * 6. RSS growth per loaded idle section and per idle connection (each connection publishes its
 * presence once, as an open tab does), then whether closing everything gives the memory back.
 */
export const idleMemory: SoloScenario = {
  id: '6',
  title: `idle memory: ${SECTIONS} empty sections with one connection each, then ${EXTRA_CONNECTIONS} more idle connections, then all closed`,
  rows: [
    { label: 'RSS per loaded idle section (incl. its connection)', metric: 'perSection' },
    { label: 'RSS per extra idle connection', metric: 'perConnection' },
    { label: `RSS with ${SECTIONS + EXTRA_CONNECTIONS} idle conns → all closed, unload waited`, metric: 'afterClose' },
    { label: 'live heap, same two moments', metric: 'heapAfterClose' },
  ],
  gcHook: true,
  timeLimitMs: 90_000,
  async run(server) {
    // Runs the code paths once so the first section does not carry their cost.
    const warmup = await BenchClient.connect(server.roomUrl(server.sectionKeys.at(-1)!));
    warmup.publishAwareness();
    await warmup.close();
    await server.idleRoomsUnloaded();
    const baseline = await readMemory(server);

    const sectionUrls = server.sectionKeys.slice(0, SECTIONS).map((key) => server.roomUrl(key));
    const open: BenchClient[] = [];
    const openIdle = async (urls: string[]) => {
      const clients = await connectAll(urls);
      open.push(...clients);
      for (const client of clients) client.publishAwareness();
      await sleep(SETTLE_MS);
    };
    try {
      await openIdle(sectionUrls);
      const withSections = await readMemory(server);
      await openIdle(Array.from({ length: EXTRA_CONNECTIONS }, (_, i) => sectionUrls[i % SECTIONS]!));
      const withConnections = await readMemory(server);
      const loaded = await server.health();
      await closeAll(open);
      await server.idleRoomsUnloaded();
      const afterClose = await readMemory(server);
      const unloaded = await server.health();
      const perItem = (from: MemoryReading, to: MemoryReading, count: number) => figure(
        (to.rss - from.rss) / count, `${kbText((to.rss - from.rss) / count)} (heap ${kbText((to.heap - from.heap) / count)})`);
      return {
        figures: {
          perSection: perItem(baseline, withSections, SECTIONS),
          perConnection: perItem(withSections, withConnections, EXTRA_CONNECTIONS),
          afterClose: figure(afterClose.rss, `${mbText(withConnections.rss)} → ${mbText(afterClose.rss)}` +
            (loaded && unloaded ? ` (rooms ${loaded.rooms} → ${unloaded.rooms})` : '')),
          heapAfterClose: figure(afterClose.heap, `${mbText(withConnections.heap)} → ${mbText(afterClose.heap)}`),
        },
        notes: [
          `baseline ${readingText(baseline)}; ${SECTIONS} sections ${readingText(withSections)}; ` +
          `+${EXTRA_CONNECTIONS} connections ${readingText(withConnections)}; all closed ${readingText(afterClose)}; ` +
          `/healthz loaded: ${countsText(loaded)}, after close: ${countsText(unloaded)}; ` +
          'memory read after a forced full GC (this scenario\'s servers only: --expose-gc and a SIGUSR2 hook)',
        ],
      };
    } finally {
      await closeAll(open);
    }
  },
};
