import os from 'node:os';

/** The 1-minute load average at or under which the host counts as quiet. */
const QUIET_LOAD = 0.5;
const LIMIT_MS = 5 * 60_000;
const POLL_MS = 5_000;

/**
 * Waits, for at most five minutes, until the 1-minute load average is 0.5 or less: the tail of
 * another job (a test run, a build) still on the CPU slows the two servers unevenly, and their
 * ratios then measure the host more than the servers (since 2026-12-03 the three full runs begun
 * at a load of 1.4–2.1 each exceeded a target here, the six begun at 0.5 or less met them all).
 * BENCH_NO_WAIT=1 starts at once.
 */
export async function waitForQuietHost(): Promise<void> {
  if (process.env.BENCH_NO_WAIT === '1') return;
  const deadline = Date.now() + LIMIT_MS;
  let told = 0;
  while (os.loadavg()[0]! > QUIET_LOAD && Date.now() < deadline) {
    if (Date.now() - told >= 30_000) {
      console.log(`waiting for the host to settle: load ${os.loadavg()[0]!.toFixed(2)}, starting at ${QUIET_LOAD} or less (at most ${LIMIT_MS / 60_000} min; BENCH_NO_WAIT=1 skips)`);
      told = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
