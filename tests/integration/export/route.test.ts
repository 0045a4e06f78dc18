import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportCommand } from '../../../server/export/exportCommand.js';
import { exportRoutes } from '../../../server/export/exportRoute.js';
import { CLEAN_EXPORT, type DraftStatus } from '../../../server/export/model.js';
import { errorHandler } from '../../../server/http/errorHandler.js';
import { Logger } from '../../../server/logger.js';
import { login } from '../../helpers/clients.js';
import type { TestServer } from '../../helpers/server.js';
import { docxParts, paragraphs, part } from './support/docxParts.js';
import { REFERENCE_TITLE } from './support/referenceReport.js';
import { startReferenceServer } from './support/referenceServer.js';

let server: TestServer;
let reportId: string;
/** The export router alone, on the real server's store and accounts, until it is mounted in the app. */
let routerUrl: string;
let routerHttp: http.Server;
const draftStatuses = new Map<string, DraftStatus>();

const OUTSIDER = { username: 'outsider', password: 'outsider-pass-1' };

beforeAll(async () => {
  ({ server, reportId } = await startReferenceServer());
  const app = express();
  app.use('/api/reports', exportRoutes({
    store: server.server.store,
    accounts: server.server.accounts,
    draftStatus: (id) => draftStatuses.get(id) ?? CLEAN_EXPORT,
  }));
  app.use(errorHandler(new Logger('silent')));
  routerHttp = http.createServer(app);
  await new Promise<void>((resolve) => routerHttp.listen(0, '127.0.0.1', resolve));
  routerUrl = `http://127.0.0.1:${(routerHttp.address() as AddressInfo).port}`;

  await server.server.store.orgs.create({ id: 'other-school', name: '另一所学校' }, ['综合事务部']);
  await server.server.accounts.createUser({ orgId: 'other-school', username: OUTSIDER.username, displayName: '外校校长', role: 'principal', department: null, password: OUTSIDER.password });
});
afterAll(async () => {
  await new Promise((resolve) => routerHttp?.close(resolve));
  await server?.close();
});

async function get(baseUrl: string, pathAndQuery: string, token?: string) {
  return fetch(`${baseUrl}${pathAndQuery}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** The file name a browser saves under: the RFC 5987 `filename*` of Content-Disposition. */
function savedName(res: Response): string {
  const header = res.headers.get('content-disposition') ?? '';
  expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/);
  return decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!);
}

describe('GET /api/reports/:id/export (the router)', () => {
  test('each format comes back with its Content-Type and a Chinese file name', async () => {
    const { token } = await login(server.url, 'jiaoxue');
    const types = {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pdf: 'application/pdf',
      html: 'text/html; charset=utf-8',
      md: 'text/markdown; charset=utf-8',
    };
    for (const [format, type] of Object.entries(types)) {
      const res = await get(routerUrl, `/api/reports/${reportId}/export?format=${format}`, token);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(savedName(res)).toBe(`${REFERENCE_TITLE}.${format}`);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  test('a bad or missing format is 400; an unknown report, or another school’s, is 404; no session is 401', async () => {
    const { token } = await login(server.url, 'principal');
    expect((await get(routerUrl, `/api/reports/${reportId}/export?format=doc`, token)).status).toBe(400);
    expect((await get(routerUrl, `/api/reports/${reportId}/export`, token)).status).toBe(400);
    expect((await get(routerUrl, `/api/reports/${reportId}/export?format=md&attachment=四`, token)).status).toBe(400);
    expect((await get(routerUrl, '/api/reports/no-such-report/export?format=docx', token)).status).toBe(404);
    const outsider = await login(server.url, OUTSIDER.username, OUTSIDER.password);
    const foreign = await get(routerUrl, `/api/reports/${reportId}/export?format=docx`, outsider.token);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: 'not_found' });
    expect((await get(routerUrl, `/api/reports/${reportId}/export?format=docx`)).status).toBe(401);
  });

  test('the draft status comes from the callback; ?attachment=4 puts 附件4 on the first line', async () => {
    const { token } = await login(server.url, 'principal');
    draftStatuses.set(reportId, { draft: true, problems: ['第七部分尚未审批'] });
    const draft = await (await get(routerUrl, `/api/reports/${reportId}/export?format=md&attachment=4`, token)).text();
    draftStatuses.delete(reportId);
    expect(draft).toContain('草稿');
    expect(draft).toContain('1\\. 第七部分尚未审批');
    expect(draft.split('\n\n')[1]).toBe('附件4');
    const clean = await (await get(routerUrl, `/api/reports/${reportId}/export?format=docx`, token)).arrayBuffer();
    const texts = paragraphs(part(docxParts(new Uint8Array(clean)), 'word/document.xml')).map((p) => p.text);
    expect(texts[0]).toBe(REFERENCE_TITLE);
    expect(texts.join('')).not.toContain('草稿');
  });
});

describe('GET /api/reports/:id/export on the real server (once the route is mounted in createHttpApp)', () => {
  test('a member downloads the Word file; another school gets 404', async () => {
    const { token } = await login(server.url, 'zonghe');
    const res = await get(server.url, `/api/reports/${reportId}/export?format=docx`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(savedName(res)).toBe(`${REFERENCE_TITLE}.docx`);
    const outsider = await login(server.url, OUTSIDER.username, OUTSIDER.password);
    expect((await get(server.url, `/api/reports/${reportId}/export?format=docx`, outsider.token)).status).toBe(404);
    expect((await get(server.url, `/api/reports/${reportId}/export?format=rtf`, token)).status).toBe(400);
  });
});

test('the CLI command writes the export to --out', async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongxie-export-')), 'report.md');
  const printed: string[] = [];
  await exportCommand(server.server.store, [reportId, '--format', 'md', '--out', out, '--attachment', '4'], { print: (line) => printed.push(line) });
  const md = fs.readFileSync(out, 'utf8');
  expect(md.startsWith('附件4\n\n# 2024年度部门整体支出绩效自评报告\n')).toBe(true);
  expect(printed).toEqual([`wrote ${out} (${Buffer.byteLength(md)} bytes)`]);
  await expect(exportCommand(server.server.store, [reportId, '--format', 'rtf'], { print: () => {} })).rejects.toThrow(/--format/);
  await expect(exportCommand(server.server.store, ['missing-report'], { print: () => {} })).rejects.toThrow(/no report/);
});
