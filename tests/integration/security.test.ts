import { afterAll, beforeAll, expect, test } from 'vitest';
import { sectionRoomName } from '../../shared/rooms.js';
import { apiClient } from '../helpers/api.js';
import { demoReport, login, sleep } from '../helpers/clients.js';
import { RawClient } from '../helpers/rawClient.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ourReport: string;
let outsider: ReturnType<typeof apiClient>;

beforeAll(async () => {
  // Long enough for a login, a socket and a request under a loaded CI machine (1.5 s once was not).
  server = await startTestServer({ config: { sessionTtlMs: 3000, keepaliveMs: 250 } });
  ourReport = (await demoReport(server.url, (await login(server.url, 'principal')).token)).id;
  await server.server.store.orgs.create({ id: 'school-b', name: '乙校' }, ['综合事务部']);
  await server.server.accounts.createUser({ orgId: 'school-b', username: 'b-principal', displayName: '乙校校长', role: 'principal', department: null, password: DEMO_PASSWORD });
  outsider = apiClient(server.url, (await login(server.url, 'b-principal')).token);
});
afterAll(async () => { await server?.close(); });

test('a session expires: its open socket is closed, its token stops working over HTTP and on the socket', async () => {
  const { token } = await login(server.url, 'zonghe');
  const room = `${server.collabUrl}/${sectionRoomName({ reportId: ourReport, sectionKey: 'basic-info' })}`;
  const open = await RawClient.connect(`${room}?token=${token}`);
  expect((await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  expect(open.closed).toBeNull();
  expect(await open.waitClose()).toEqual({ code: 4401, reason: 'session expired' });
  await sleep(200);
  expect((await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  const socket = await RawClient.connect(`${room}?token=${token}`);
  expect((await socket.waitClose()).code).toBe(4401);
});

test("no route reveals another school's report, whatever the path tricks", async () => {
  outsider = apiClient(server.url, (await login(server.url, 'b-principal')).token);
  const paths = [
    `/api/reports/${ourReport}`,
    `/api/reports/${ourReport}/threads`,
    `/api/reports/${ourReport}/transitions`,
    `/api/reports/${ourReport}/sections/basic-info/versions`,
    `/api/reports/..%2F${ourReport}`,
    `/api/reports/%2e%2e/${ourReport}`,
    `/api/reports/${encodeURIComponent(`${ourReport}/../${ourReport}`)}`,
    `/api/reports/${ourReport}%00`,
  ];
  for (const path of paths) {
    const res = await outsider('GET', path);
    expect(res.status, path).toBe(404);
    expect(JSON.stringify(res.body ?? ''), path).not.toContain('部门（单位）基本情况');
  }
  for (const [method, path] of [['POST', `/api/reports/${ourReport}/sections/basic-info/submit`], ['POST', `/api/reports/${ourReport}/finalize`]] as const) {
    expect((await outsider(method, path, {})).status, path).toBe(404);
  }
  expect((await outsider('GET', '/api/reports')).body.reports).toEqual([]);
});

test('every response carries the security headers, the app shell included', async () => {
  for (const path of ['/healthz', '/api/reports', '/', '/reports/x']) {
    const res = await fetch(`${server.url}${path}`);
    expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by'), path).toBeNull();
    await res.arrayBuffer();
  }
});
