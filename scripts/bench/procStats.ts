import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system, all threads) the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/**
 * CPU time so far of the process's main thread (the event loop) and of all its other threads
 * together (V8's GC helpers, worker threads, libuv's pool), in ms. Threads that ended are missing
 * from the second figure, so take differences only across a span in which none ended.
 */
export function cpuMsByThread(pid: number): { main: number; others: number } {
  let others = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    if (tid !== String(pid)) others += statCpuMs(`/proc/${pid}/task/${tid}/stat`);
  }
  return { main: statCpuMs(`/proc/${pid}/task/${pid}/stat`), others };
}

function statCpuMs(statFile: string): number {
  const stat = fs.readFileSync(statFile, 'utf8');
  // The command name (field 2) may contain spaces; fields after it are space-separated from field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

/** Resident set size now (VmRSS) and at its peak so far (VmHWM), in bytes. */
export function memory(pid: number): { rss: number; peakRss: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${key} in /proc/${pid}/status`);
    return Number(match[1]) * 1024;
  };
  return { rss: kib('VmRSS'), peakRss: kib('VmHWM') };
}
