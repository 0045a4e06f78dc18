import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
/** Beyond this the bench's own queueing is a visible part of the latencies it reports. */
const DISTURBED_LAG_MS = 10;

export interface BenchLoad {
  text: string;
  /** The bench lagged: its latency figures include its own waiting (a busy machine or the bench at its limit). */
  disturbed: boolean;
}

/** How busy the bench process itself was while measuring. */
export function watchBenchLoad(): { stop(): BenchLoad } {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  return {
    stop() {
      delay.disable();
      const cpu = process.cpuUsage(cpuBefore);
      const busy = (cpu.user + cpu.system) / 1000 / (performance.now() - start);
      // The histogram records whole timer intervals: the lag is what exceeds the resolution.
      const lagP99 = Math.max(0, delay.percentile(99) / 1e6 - RESOLUTION_MS);
      return {
        text: `bench CPU ${(busy * 100).toFixed(0)}% of a core, event-loop lag p99 ${lagP99.toFixed(1)} ms, load average ${os.loadavg()[0]!.toFixed(1)}`,
        disturbed: lagP99 > DISTURBED_LAG_MS,
      };
    },
  };
}
