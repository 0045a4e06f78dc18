import { login } from './clients.js';

/** A signed-in HTTP client for tests: JSON in, status and JSON out. */
export function apiClient(baseUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Signs each user in: their tokens and HTTP clients, by username. */
export async function signInAll(baseUrl: string, usernames: string[]): Promise<{ tokens: Record<string, string>; api: Record<string, ApiClient> }> {
  const tokens: Record<string, string> = {};
  const api: Record<string, ApiClient> = {};
  for (const username of usernames) {
    tokens[username] = (await login(baseUrl, username)).token;
    api[username] = apiClient(baseUrl, tokens[username]!);
  }
  return { tokens, api };
}
