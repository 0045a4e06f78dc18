import { afterAll, beforeAll, expect, test } from 'vitest';
import { sectionRoomName } from '../../shared/rooms.js';
import { demoReport, login } from '../helpers/clients.js';
import { RawClient } from '../helpers/rawClient.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let reportId: string;

beforeAll(async () => {
  server = await startTestServer();
  reportId = (await demoReport(server.url, (await login(server.url, 'zonghe')).token)).id;
  // A second school with its own head teacher.
  const { store, accounts } = server.server;
  await store.orgs.create({ id: 'other-school', name: '另一所学校' }, ['综合事务部']);
  await accounts.createUser({ orgId: 'other-school', username: 'other', displayName: '外校校长', role: 'principal', department: null, password: DEMO_PASSWORD });
});
afterAll(async () => { await server?.close(); });

const room = (key = 'basic-info', id = reportId) => `${server.collabUrl}/${sectionRoomName({ reportId: id, sectionKey: key })}`;

async function closeCodeOf(url: string, headers: Record<string, string> = {}) {
  const client = await RawClient.connect(url, headers);
  return (await client.waitClose()).code;
}

test('no credentials or a bad token close with 4401', async () => {
  expect(await closeCodeOf(room())).toBe(4401);
  expect(await closeCodeOf(`${room()}?token=not-a-real-token`)).toBe(4401);
  expect(await closeCodeOf(room(), { authorization: 'Bearer nope' })).toBe(4401);
});

test('a user of another school closes with 4403, through any room name', async () => {
  const { token } = await login(server.url, 'other');
  expect(await closeCodeOf(`${room()}?token=${token}`)).toBe(4403);
  expect(await closeCodeOf(`${room('no-such-section')}?token=${token}`)).toBe(4403);
});

test('a disabled user closes with 4403, and an open socket is closed when the account is disabled', async () => {
  const { accounts } = server.server;
  const user = await accounts.createUser({ orgId: (await server.server.store.reports.get(reportId))!.orgId, username: 'temp', displayName: '临时', role: 'viewer', department: null, password: DEMO_PASSWORD });
  const { token } = await login(server.url, 'temp');
  const open = await RawClient.connect(`${room()}?token=${token}`);
  await new Promise((r) => setTimeout(r, 100));
  expect(open.closed).toBeNull();
  await accounts.updateUser(user.id, { disabled: true });
  expect((await open.waitClose()).code).toBe(4403);
  expect(await closeCodeOf(`${room()}?token=${token}`)).toBe(4403);
});

test("signing out closes that session's sockets with 4401 and leaves the user's other sessions open", async () => {
  const leaving = await login(server.url, 'zonghe');
  const staying = await login(server.url, 'zonghe');
  const signedOut = await RawClient.connect(`${room()}?token=${leaving.token}`);
  const other = await RawClient.connect(`${room()}?token=${staying.token}`);
  await new Promise((r) => setTimeout(r, 100));
  const res = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${leaving.token}` } });
  expect(res.status).toBe(204);
  expect(await signedOut.waitClose()).toEqual({ code: 4401, reason: 'signed out' });
  await new Promise((r) => setTimeout(r, 100));
  expect(other.closed).toBeNull();
  other.close();
});

test('cookie authentication works on the socket; unknown rooms and path tricks close with 4404', async () => {
  const { token } = await login(server.url, 'zonghe');
  const viaCookie = await RawClient.connect(room(), { cookie: `gongxie_session=${token}` });
  await new Promise((r) => setTimeout(r, 150));
  expect(viaCookie.closed).toBeNull();
  expect(viaCookie.messageTypes()).toContain(0);
  viaCookie.close();

  for (const path of [
    `reports/${reportId}/sections/nope`,
    `reports/nope/sections/basic-info`,
    `reports/${reportId}/sections/..%2F..%2Fbasic-info`,
    `reports/${reportId}/sections/%2e%2e%2fbasic-info`,
    `reports%2F${reportId}%2Fsections%2Fbasic-info`,
    `reports/${reportId}/sections/basic-info/extra`,
  ]) {
    expect(await closeCodeOf(`${server.collabUrl}/${path}?token=${token}`), path).toBe(4404);
  }
});
