import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { LoginResponse, ReportView } from '../../shared/api.js';
import { sectionRoomName } from '../../shared/rooms.js';
import type { DocumentStore } from '../../server/storage/Store.js';
import { DEMO_PASSWORD } from './server.js';

export async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResponse;
}

export async function getJson<T>(baseUrl: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The demo report as the given user sees it. */
export async function demoReport(baseUrl: string, token: string): Promise<ReportView> {
  const { reports } = await getJson<{ reports: { id: string }[] }>(baseUrl, '/api/reports', token);
  return getJson<ReportView>(baseUrl, `/api/reports/${reports[0]!.id}`, token);
}

export interface SectionClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.XmlText;
  destroy(): void;
}

/**
 * An unmodified y-websocket provider in Node. Protocol tests write a top-level Y.XmlText named
 * `text` (formatting included); the browser tests cover the TipTap fragment itself.
 */
export function connectSection(collabUrl: string, token: string, reportId: string, sectionKey: string,
  opts: { connect?: boolean; doc?: Y.Doc } = {}): SectionClient {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(collabUrl, sectionRoomName({ reportId, sectionKey }), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    connect: opts.connect ?? true,
    disableBc: true,
  });
  const text = doc.get('text', Y.XmlText) as Y.XmlText;
  return { doc, provider, text, destroy: () => { provider.destroy(); doc.destroy(); } };
}

export function waitForSync(provider: WebsocketProvider, timeoutMs = 5000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    provider.once('sync', (synced: boolean) => {
      if (synced) { clearTimeout(timer); resolve(); }
    });
  });
}

/** Polls until `check` holds (or throws with the last value seen). */
export async function eventually<T>(read: () => T | Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The document exactly as the server's store holds it. */
export async function storedDoc(documents: Pick<DocumentStore, 'load'>, reportId: string, sectionKey: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await documents.load(sectionRoomName({ reportId, sectionKey }))).updates) Y.applyUpdate(doc, update);
  return doc;
}
