import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASELINE_ROOT } from './servers.js';

/** Date, machine, command and where the data lives: what a reader needs to compare two runs. */
export function describeRun(startedAt: Date): string[] {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg()[0]!;
  const busy = load > os.availableParallelism() / 2
    ? [`warning:  load ${load.toFixed(1)} on ${os.availableParallelism()} cores before starting: other work competes with the servers and the bench; rerun on an idle machine for figures to compare`]
    : [];
  return [
    `date:     ${startedAt.toISOString()}`,
    `machine:  nproc ${os.availableParallelism()}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, ${cpu}, Linux ${os.release()}, Node ${process.version}`,
    `command:  ${process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'tsx scripts/bench/index.ts'}${commit(path.resolve(import.meta.dirname, '../..'))}`,
    ...(BASELINE_ROOT ? [`baseline: the reference column is the project server of ${BASELINE_ROOT}${commit(BASELINE_ROOT)}, not the relay`] : []),
    `load:     1-minute load average ${load.toFixed(1)} at start`,
    ...busy,
    `data:     project DATA_DIR under ${os.tmpdir()} on ${filesystemOf(os.tmpdir())} (SQLite WAL; every update on disk before its acknowledgement)`,
  ];
}

function commit(root: string): string {
  try {
    return ` at commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()} (plus any uncommitted changes)`;
  } catch {
    return '';
  }
}

/** The filesystem type of the mount holding `dir`: fsync on tmpfs is free, on a disk it is not. */
function filesystemOf(dir: string): string {
  const real = fs.realpathSync(dir);
  let best = { mount: '', type: 'unknown filesystem' };
  for (const line of fs.readFileSync('/proc/mounts', 'utf8').split('\n')) {
    const [device, mount, type] = line.split(' ');
    if (!mount || !type) continue;
    const inside = real === mount || real.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
    if (inside && mount.length >= best.mount.length) best = { mount, type: `${type} (${device})` };
  }
  return best.type;
}
