import type { Editor } from '@tiptap/core';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { SectionSession } from '../section-session.js';

/** A stretch of text someone selected in a section, ready to be commented on. */
export interface TextSelection {
  session: SectionSession;
  from: number;
  to: number;
  quote: string;
  /** The selection's first line, in client coordinates. */
  rect: DOMRect;
}

/**
 * The non-empty selection of the page if it lies inside one section's text. Read from the DOM
 * (with ProseMirror's own mapping), so it works in sections the user may only read, whose
 * editors are not editable.
 */
export function currentTextSelection(sessions: readonly SectionSession[]): TextSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode) return null;
  const session = sessions.find((s) => !s.editor.isDestroyed && s.editor.view.dom.contains(anchorNode) && s.editor.view.dom.contains(focusNode));
  if (!session) return null;
  const view = session.editor.view;
  let a: number;
  let b: number;
  try {
    a = view.posAtDOM(anchorNode, selection.anchorOffset);
    b = view.posAtDOM(focusNode, selection.focusOffset);
  } catch {
    return null;
  }
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  const quote = view.state.doc.textBetween(from, to, ' ').trim();
  if (from === to || !quote) return null;
  const rects = selection.getRangeAt(0).getClientRects();
  const rect = rects.length > 0 ? rects[0]! : selection.getRangeAt(0).getBoundingClientRect();
  return { session, from, to, quote, rect };
}

/**
 * ProseMirror positions as the Yjs relative positions (base64) the comment API takes: they
 * keep pointing at the same characters whatever others type before the server applies them.
 */
export function relativeSelection(editor: Editor, from: number, to: number): { anchor: string; head: string } | null {
  const sync = ySyncPluginKey.getState(editor.state) as { type?: Y.XmlFragment; binding?: { mapping: unknown } } | undefined;
  if (!sync?.type || !sync.binding) return null;
  const { type, binding } = sync;
  const encode = (pos: number) => toBase64(Y.encodeRelativePosition(
    absolutePositionToRelativePosition(pos, type, binding.mapping as Parameters<typeof absolutePositionToRelativePosition>[2]) as Y.RelativePosition,
  ));
  return { anchor: encode(from), head: encode(to) };
}
