import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { DEMO_PASSWORD } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildServer {
  url: string;
  collabUrl: string;
  port: number;
  proc: ChildProcess;
  /** Every structured log line the server printed. */
  logs: Record<string, unknown>[];
  /** Lines printed for people (not JSON), such as the generated demo password. */
  messages: string[];
  exited: Promise<number | null>;
}

/** The real server entry point (`server/index.ts`) as its own process, as users run it. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', GONGXIE_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Record<string, unknown>[] = [];
  const messages: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s')), 20_000);
    exited.then((code) => reject(new Error(`server exited with ${code} before listening`)));
    readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) {
        if (line.trim()) messages.push(line);
        return;
      }
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.event === 'server.listening') {
        clearTimeout(timer);
        resolve(entry.port as number);
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, collabUrl: `ws://127.0.0.1:${port}/collab`, port, proc, logs, messages, exited };
}
