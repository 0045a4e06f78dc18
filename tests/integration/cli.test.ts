import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../server/cli.js';
import { SqliteStore } from '../../server/storage/SqliteStore.js';
import { login } from '../helpers/clients.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
let server: TestServer;

/** The CLI as its own process against the running server's data dir . */
async function cli(...args: string[]) {
  return exec(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args]);
}

async function exec(command: string, args: string[]) {
  try {
    const { stdout } = await run(command, args, { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir } });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => { server = await startTestServer({ dataDir: tempDataDir() }); });
afterAll(async () => { await server?.close(); });

test('the CLI adds, lists, disables and re-enables users and resets passwords; the server honours it', async () => {
  const added = await exec('npm', ['run', '-s', 'cli', '--', 'user', 'add', '--username', 'caiwu', '--name', '财务室', '--role', 'dept_head', '--department', '后勤服务部', '--password', 'caiwu-pass-1']);
  expect(added).toMatchObject({ code: 0 });
  expect(added.out).toContain('added caiwu');
  const { token } = await login(server.url, 'caiwu', 'caiwu-pass-1');

  const list = await cli('user', 'list');
  expect(list.out).toMatch(/caiwu\t财务室\tdept_head\t后勤服务部\tactive/);
  expect(list.out).toMatch(/principal\t校长\tprincipal/);

  expect((await cli('user', 'disable', 'caiwu')).out).toContain('caiwu disabled');
  expect((await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  const refused = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'caiwu', password: 'caiwu-pass-1' }) });
  expect(refused.status).toBe(403);
  expect((await cli('user', 'list')).out).toMatch(/caiwu\t.*\tdisabled/);
  await cli('user', 'enable', 'caiwu');

  const reset = await cli('user', 'reset-password', 'caiwu');
  const generated = /password: (\S+)/.exec(reset.out)?.[1];
  expect(generated).toBeTruthy();
  await expect(login(server.url, 'caiwu', 'caiwu-pass-1')).rejects.toThrow(/401/);
  await login(server.url, 'caiwu', generated);
});

test('the CLI refuses bad input with a clear message and a non-zero exit', async () => {
  const badRole = await cli('user', 'add', '--username', 'x1', '--name', 'x', '--role', 'boss');
  expect(badRole.code).not.toBe(0);
  expect(badRole.out).toContain('--role must be one of');

  const store = SqliteStore.inDataDir(server.dataDir);
  const inProcess = (...args: string[]) => runCli(args, store, () => {});
  await expect(inProcess('user', 'add', '--username', 'x2', '--name', 'x', '--role', 'dept_head', '--department', '不存在的部门')).rejects.toThrow('没有“不存在的部门”这个部门');
  await expect(inProcess('user', 'add', '--username', 'zonghe', '--name', 'x', '--role', 'viewer')).rejects.toThrow('已被使用');
  await expect(inProcess('user', 'disable', 'ghost')).rejects.toThrow('no user "ghost"');
  await expect(inProcess('nonsense')).rejects.toThrow('unknown command');
  await store.close();
});
