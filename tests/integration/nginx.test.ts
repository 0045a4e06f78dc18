import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnServer, type ChildServer } from '../helpers/childServer.js';
import { connectSection, demoReport, eventually, login, waitForSync } from '../helpers/clients.js';
import { freePort } from '../helpers/freePort.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { DEMO_PASSWORD, tempDataDir } from '../helpers/server.js';

/**
 * The README's deployment recipe as written: its nginx block in front of two instances on
 * PostgreSQL and Redis with TRUST_PROXY=loopback. Only the ports are changed.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NGINX = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const instances: ChildServer[] = [];
let nginx: ChildProcess | undefined;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const env = { DATABASE_URL: db.url, REDIS_URL, TRUST_PROXY: 'loopback' };
  // One after the other: the first seeds the demo school into the shared database.
  instances.push(await spawnServer(tempDataDir(), env));
  instances.push(await spawnServer(tempDataDir(), env));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  nginx = startNginx(readmeNginxBlock(port, instances.map((i) => i.port)));
  await eventually(() => fetch(`${base}/healthz`).then((res) => res.status, () => 0), (status) => status === 200, 10_000);
});
afterAll(async () => {
  nginx?.kill('SIGQUIT');
  for (const instance of instances) instance.proc.kill('SIGKILL');
  await Promise.all(instances.map((i) => i.exited));
  await db?.drop();
});

test('editors spread by nginx over both instances converge', async () => {
  const { token } = await login(base, 'principal');
  const report = await demoReport(base, token);
  const clients = Array.from({ length: 4 }, () => connectSection(`ws://${new URL(base).host}/collab`, token, report.id, 'basic-info'));
  await Promise.all(clients.map((c) => waitForSync(c.provider)));
  const held = await Promise.all(instances.map(async (i) => (await (await fetch(`${i.url}/healthz`)).json()).connections as number));
  expect(held.every((connections) => connections > 0)).toBe(true);
  clients.forEach((c, i) => c.text.insert(0, `editor-${i};`));
  const texts = await eventually(() => clients.map((c) => c.text.toString()), (all) => all.every((t) => t === all[0] && t.split(';').length === 5), 10_000);
  expect(texts[0]!.split(';').filter(Boolean).sort()).toEqual(['editor-0', 'editor-1', 'editor-2', 'editor-3']);
  for (const c of clients) c.destroy();
});

test("a cookie-authenticated write through nginx, sent with the browser's Origin, is accepted", async () => {
  const signIn = await post('127.0.0.1', '/api/session', { username: 'zonghe', password: DEMO_PASSWORD });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers['set-cookie']![0]!.split(';')[0]!;
  expect((await request('127.0.0.1', 'DELETE', '/api/session', { cookie, origin: 'https://evil.example' })).status).toBe(403);
  expect((await request('127.0.0.1', 'DELETE', '/api/session', { cookie, origin: base })).status).toBe(204);
});

test('the login limit counts each client behind nginx on its own, whatever X-Forwarded-For it sends', async () => {
  // Linux answers on all of 127.0.0.0/8: two local addresses are two clients to nginx.
  for (let i = 0; i < 20; i++) {
    const res = await post('127.0.0.2', '/api/session', { username: `guess-${i}`, password: 'x' }, { 'x-forwarded-for': `198.51.100.${i}` });
    expect(res.status).toBe(401);
  }
  expect((await post('127.0.0.2', '/api/session', { username: 'houqin', password: DEMO_PASSWORD })).status).toBe(429);
  expect((await post('127.0.0.3', '/api/session', { username: 'houqin', password: DEMO_PASSWORD })).status).toBe(200);
});

// Last: it kills one of the instances.
test('when an instance dies, its editors reconnect through nginx to the other and lose nothing', async () => {
  const { token } = await login(base, 'principal');
  const report = await demoReport(base, token);
  const collabUrl = `ws://${new URL(base).host}/collab`;
  const clients = Array.from({ length: 4 }, () => connectSection(collabUrl, token, report.id, 'problems'));
  await Promise.all(clients.map((c) => waitForSync(c.provider)));
  const allHave = (count: number) => (texts: string[]) => texts.every((t) => t === texts[0] && t.split(';').length === count + 1);
  clients.forEach((c, i) => c.text.insert(c.text.length, `before-${i};`));
  await eventually(() => clients.map((c) => c.text.toString()), allHave(4), 10_000);

  instances[0]!.proc.kill('SIGKILL');
  await instances[0]!.exited;
  clients.forEach((c, i) => c.text.insert(c.text.length, `after-${i};`));
  const texts = await eventually(() => clients.map((c) => c.text.toString()), allHave(8), 20_000);
  expect((await (await fetch(`${instances[1]!.url}/healthz`)).json()).connections).toBe(4);

  const reader = connectSection(collabUrl, token, report.id, 'problems');
  await waitForSync(reader.provider);
  expect(reader.text.toString()).toBe(texts[0]);
  for (const c of [...clients, reader]) c.destroy();
});

/** The README's nginx server block, listening on `port`, with the instances' ports upstream. */
function readmeNginxBlock(port: number, upstreamPorts: number[]): string {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block?.includes('listen 80;') || !block.includes('127.0.0.1:3001') || !block.includes('127.0.0.1:3002')) {
    throw new Error('the README no longer has the nginx block this test expects');
  }
  return block.replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('127.0.0.1:3001', `127.0.0.1:${upstreamPorts[0]}`).replace('127.0.0.1:3002', `127.0.0.1:${upstreamPorts[1]}`);
}

function startNginx(serverBlock: string): ChildProcess {
  const dir = tempDataDir();
  fs.chmodSync(dir, 0o755);
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, [
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    'events {}',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    serverBlock,
    '}',
  ].join('\n'));
  const proc = spawn(NGINX, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  proc.once('exit', (code) => { if (code) console.error(fs.readFileSync(`${dir}/error.log`, 'utf8')); });
  return proc;
}

function post(from: string, urlPath: string, body: unknown, headers: Record<string, string> = {}) {
  return request(from, 'POST', urlPath, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

/** An HTTP request to nginx from the local address `from`. */
function request(from: string, method: string, urlPath: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers, localAddress: from }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
