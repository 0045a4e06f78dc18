import fs from 'node:fs';
import { sleep } from './stats.js';

/**
 * The loopback TCP port a process listens on, read from /proc: with LOG_LEVEL=warn the project
 * server does not print its `server.listening` line (it is logged at info). It listens as the
 * last step of its start, so a listening socket also means it is ready.
 */
export async function listeningPort(pid: number, exited: Promise<unknown>, timeoutMs = 30_000): Promise<number> {
  let gone = false;
  void exited.then(() => { gone = true; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`process ${pid} exited before listening`);
    const port = findListeningPort(pid);
    if (port !== undefined) return port;
    await sleep(100);
  }
  throw new Error(`process ${pid} did not listen within ${timeoutMs / 1000} s`);
}

function findListeningPort(pid: number): number | undefined {
  const inodes = new Set<string>();
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      const match = target && /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1]!);
    }
  } catch {
    return undefined;
  }
  // Columns: sl local_address rem_address st … inode; st 0A is LISTEN, 0100007F is 127.0.0.1.
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    const [address, portHex] = (columns[1] ?? '').split(':');
    if (columns[3] === '0A' && address === '0100007F' && inodes.has(columns[9] ?? '')) return parseInt(portHex!, 16);
  }
  return undefined;
}

function safeReadlink(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}
