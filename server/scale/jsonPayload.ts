import type { z } from 'zod';

/** A relay payload carrying one JSON value (instance events, room notices). */
export function encodeJsonPayload(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** The payload's value when it is JSON that `schema` accepts; null for anything else. */
export function decodeJsonPayload<T>(schema: z.ZodType<T>, payload: Uint8Array): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(payload).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
