import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'gongxie_session';

export type CredentialSource = 'header' | 'cookie' | 'query';

export interface Credential {
  token: string;
  source: CredentialSource;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * The session token a request carries: `Authorization: Bearer`, else the session cookie, else
 * (websocket upgrades only, where browsers cannot set headers) `?token=`.
 */
export function credentialOf(req: IncomingMessage, { allowQuery = false } = {}): Credential | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), source: 'header' };
  const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (cookie) return { token: cookie, source: 'cookie' };
  if (allowQuery) {
    const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    if (token) return { token, source: 'query' };
  }
  return undefined;
}
