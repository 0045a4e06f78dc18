/**
 * Preloaded (with --expose-gc) into the servers of the idle-memory scenario only: SIGUSR2 runs a
 * full garbage collection and prints the live heap (read by servers.ts), so memory is measured
 * after a collection rather than whenever V8 last collected.
 */
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`${JSON.stringify({ event: 'bench.gc', heapUsed: process.memoryUsage().heapUsed })}\n`);
});
