import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GongxieServer } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { seedDemoIfEmpty } from '../../server/demo/seedDemo.js';
import type { Logger } from '../../server/logger.js';

export const DEMO_PASSWORD = 'demo-pass-123';

export interface TestServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/collab */
  collabUrl: string;
  port: number;
  dataDir: string;
  server: GongxieServer;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gongxie-test-'));
}

/**
 * A real server in this process on a free loopback port, on a SQLite file in a temp dir seeded
 * with the demo school. Pass the `dataDir` of a stopped server to restart it on the same data.
 */
export async function startTestServer(opts: { dataDir?: string; port?: number; config?: Partial<Config>; log?: Logger } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const config: Config = {
    ...loadConfig({}),
    port: opts.port ?? 0,
    dataDir,
    logLevel: (process.env.TEST_LOG_LEVEL as Config['logLevel']) ?? 'silent',
    unloadGraceMs: 200,
    ...opts.config,
  };
  const server = await GongxieServer.open(config, opts.log);
  await seedDemoIfEmpty(server, DEMO_PASSWORD);
  const { port } = await server.listen();
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    collabUrl: `ws://127.0.0.1:${port}/collab`,
    port,
    dataDir,
    server,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
    },
  };
}
