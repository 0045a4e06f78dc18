import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/rooms.js';

/** Sends `body` with the token; returns the status and the parsed answer. */
export async function call<T = Record<string, unknown>>(baseUrl: string, method: string, path: string, token: string,
  body?: unknown): Promise<{ status: number; body: T }> {
  const isForm = body instanceof FormData;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? {} : JSON.parse(text)) as T };
}

/** A multipart/form-data body holding one file in `field`. */
export function fileForm(bytes: Uint8Array, filename: string, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)]), filename);
  return form;
}

/** A section's TipTap document as ProseMirror JSON. */
export function contentOf(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD)) as JSONContent;
}
