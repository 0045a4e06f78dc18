import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoReport, login } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, signedInContext } from './support/browser.js';

/**
 * React StrictMode mounts, unmounts and remounts every effect in development builds only, so
 * this file drives the Vite dev server (proxying to a test server) instead of dist/client.
 */
let server: TestServer;
let vite: ViteDevServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  vite = await createServer({
    configFile: path.resolve(import.meta.dirname, '../../client/vite.config.ts'),
    logLevel: 'silent',
    server: {
      port: 0,
      strictPort: false,
      host: '127.0.0.1',
      proxy: {
        '/api': server.url,
        '/healthz': server.url,
        '/collab': { target: server.url, ws: true },
      },
    },
  });
  await vite.listen();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await server?.close();
});

test('under StrictMode each section gets exactly one provider connection and one editor', async () => {
  const token = (await login(server.url, 'zonghe')).token;
  const report = await demoReport(server.url, token);
  const devUrl = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');

  const context = await signedInContext(browser, devUrl, 'zonghe');
  await context.addInitScript(() => {
    const opened: string[] = [];
    (window as unknown as { collabSockets: string[] }).collabSockets = opened;
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes('/collab/')) opened.push(String(url));
      }
    };
  });
  const page = await context.newPage();
  await page.goto(`/reports/${report.id}`);
  await page.locator('.connection[data-state="connected"]').waitFor({ timeout: 25_000 });

  const sockets = (await page.evaluate(() => (window as unknown as { collabSockets: string[] }).collabSockets))
    .map((url) => new URL(url).pathname);
  expect(sockets.filter((path) => path.includes('/sections/')).sort()).toEqual(
    report.sections.map((section) => `/collab/reports/${report.id}/sections/${section.key}`).sort(),
  );
  // Plus the report's one read-only meta room, which tells the page about reviews and comments.
  expect(sockets.filter((path) => !path.includes('/sections/'))).toEqual([`/collab/reports/${report.id}/meta`]);
  expect(await page.locator('.section-text').count()).toBe(report.sections.length);
  await context.close();
});
