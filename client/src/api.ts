import type { ApiError } from '../../shared/api.js';

/** A refused or failed request, carrying the server's error code and its message for people. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the 共写 HTTP API (docs/API.md) with the session cookie; throws ApiFailure on 4xx/5xx. */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = payload as Partial<ApiError> | null;
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiFailure(
      response.status,
      error?.error ?? 'unknown',
      error?.message ?? `服务器错误（${response.status}）`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  return payload as T;
}
