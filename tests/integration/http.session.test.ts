import { afterAll, beforeAll, expect, test } from 'vitest';
import { login } from '../helpers/clients.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('login sets an httpOnly SameSite cookie and returns the token and user', async () => {
  const res = await post('/api/session', { username: 'zonghe', password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^gongxie_session=[\w-]+;/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).toMatch(/Path=\//);
  const body = await res.json();
  expect(body.user).toMatchObject({ username: 'zonghe', role: 'dept_head', department: '综合事务部', org: { name: '株洲市二中南洲学校' } });
  expect(cookie).toContain(body.token);

  const me = await fetch(`${server.url}/api/session`, { headers: { cookie: `gongxie_session=${body.token}` } });
  expect((await me.json()).user.username).toBe('zonghe');
});

test('wrong username and wrong password get the same 401', async () => {
  const wrongPassword = await post('/api/session', { username: 'jiaoxue', password: 'not-the-password' });
  const wrongUser = await post('/api/session', { username: 'nobody-here', password: DEMO_PASSWORD });
  expect(wrongPassword.status).toBe(401);
  expect(wrongUser.status).toBe(401);
  expect(await wrongPassword.json()).toEqual(await wrongUser.json());
});

test('repeated failures for one user get 429 with Retry-After, even with the right password', async () => {
  for (let i = 0; i < 5; i++) expect((await post('/api/session', { username: 'houqin', password: `wrong-${i}` })).status).toBe(401);
  const blocked = await post('/api/session', { username: 'houqin', password: DEMO_PASSWORD });
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await blocked.json()).error).toBe('too_many_attempts');
  // Another user from the same address is not locked out by that.
  expect((await post('/api/session', { username: 'xuesheng', password: DEMO_PASSWORD })).status).toBe(200);
});

test('logout ends the session and clears the cookie', async () => {
  const { token } = await login(server.url, 'principal');
  const res = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(204);
  expect(res.headers.get('set-cookie')).toMatch(/gongxie_session=;/);
  expect((await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
});

test('malformed bodies get a clear 400, unknown API routes 404, and security headers are set', async () => {
  const bad = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
  expect(bad.status).toBe(400);
  expect((await bad.json()).message).toBeTruthy();
  expect((await post('/api/session', { username: '' })).status).toBe(400);
  const missing = await fetch(`${server.url}/api/nothing-here`);
  expect(missing.status).toBe(404);
  expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  expect(missing.headers.get('x-frame-options')).toBe('DENY');
  expect(missing.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
});

test('a cookie-authenticated write from another origin is refused (CSRF)', async () => {
  const { token } = await login(server.url, 'principal');
  const res = await fetch(`${server.url}/api/session`, {
    method: 'DELETE', headers: { cookie: `gongxie_session=${token}`, origin: 'https://evil.example' },
  });
  expect(res.status).toBe(403);
  expect((await res.json()).error).toBe('csrf');
  const same = await fetch(`${server.url}/api/session`, {
    method: 'DELETE', headers: { cookie: `gongxie_session=${token}`, origin: server.url },
  });
  expect(same.status).toBe(204);
});

test('healthz answers 200 while the store is open', async () => {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', rooms: 0, connections: 0 });
});

// Last, and on their own servers: they lock addresses out.
test('repeated failures from one address across many usernames get 429, whatever X-Forwarded-For it claims', async () => {
  await server.close();
  server = await startTestServer();
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    statuses.push((await post('/api/session', { username: `guess-${i}`, password: 'x' }, { 'x-forwarded-for': `203.0.113.${i}` })).status);
  }
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
  expect(statuses.slice(20)).toEqual([429, 429]);
});

test('a burst of wrong passwords sent at once gets no more tries than the limit', async () => {
  await server.close();
  server = await startTestServer();
  const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => post('/api/session', { username: 'houqin', password: `wrong-${i}` }).then((res) => res.status)));
  expect(statuses.filter((status) => status === 401)).toHaveLength(5);
  expect(statuses.filter((status) => status === 429)).toHaveLength(25);
});

test('behind a trusted proxy (TRUST_PROXY) the limit is per client, not per proxy', async () => {
  await server.close();
  server = await startTestServer({ config: { trustProxy: 'loopback' } });
  const guesser = { 'x-forwarded-for': '203.0.113.5' };
  for (let i = 0; i < 20; i++) expect((await post('/api/session', { username: `guess-${i}`, password: 'x' }, guesser)).status).toBe(401);
  expect((await post('/api/session', { username: 'zonghe', password: DEMO_PASSWORD }, guesser)).status).toBe(429);
  // Everyone else behind the same proxy still signs in.
  expect((await post('/api/session', { username: 'zonghe', password: DEMO_PASSWORD }, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
});
