import { getSchema } from '@tiptap/core';
import { absolutePositionToRelativePosition, initProseMirrorDoc, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as buffer from 'lib0/buffer';
import * as Y from 'yjs';
import { documentExtensions } from '../../shared/editor/extensions.js';
import { DOCUMENT_FIELD } from '../../shared/rooms.js';

/** The section document the way TipTap holds it, for tests that play a browser from Node. */
export const schema = getSchema(documentExtensions());

export function fragmentOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOCUMENT_FIELD);
}

/** Replaces the section's content with plain paragraphs. */
export function writeParagraphs(doc: Y.Doc, texts: string[]) {
  const fragment = fragmentOf(doc);
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, texts.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }));
  });
}

/** The Y.XmlText of the n-th paragraph, to type into as y-prosemirror would. */
export function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  return (fragmentOf(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

export function paragraphs(doc: Y.Doc): string[] {
  return fragmentOf(doc).toArray().map((p) => ((p as Y.XmlElement).toArray() as Y.XmlText[]).map((t) => t.toString().replace(/<[^>]+>/g, '')).join(''));
}

/** A browser's selection (ProseMirror positions) as the relative positions the comment API takes. */
export function selection(doc: Y.Doc, from: number, to: number): { anchor: string; head: string } {
  const fragment = fragmentOf(doc);
  const { mapping } = initProseMirrorDoc(fragment, schema);
  const encode = (pos: number) => buffer.toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, fragment, mapping)));
  return { anchor: encode(from), head: encode(to) };
}

/** The text carrying a thread's comment mark, as an editor shows it. */
export function commentedText(doc: Y.Doc, threadId: string): string {
  const json = yXmlFragmentToProseMirrorRootNode(fragmentOf(doc), schema).toJSON() as {
    content?: { content?: { text?: string; marks?: { type: string; attrs?: { threadId?: string } }[] }[] }[];
  };
  return (json.content ?? []).flatMap((block) => block.content ?? [])
    .filter((node) => node.marks?.some((m) => m.type === 'comment' && m.attrs?.threadId === threadId))
    .map((node) => node.text ?? '').join('');
}
