import { getSchema, type JSONContent } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { documentExtensions } from '../../shared/editor/extensions.js';
import { DOCUMENT_FIELD } from '../../shared/rooms.js';

const schema = getSchema(documentExtensions());

/** A section's ProseMirror JSON from a Yjs state (a stored version or a live document). */
export function contentOfState(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), schema).toJSON() as JSONContent;
  doc.destroy();
  return json;
}

/** The text of each top-level block, in order: what a diff compares. */
export function blockTexts(content: JSONContent): string[] {
  const textOf = (node: JSONContent): string => node.text ?? (node.content ?? []).map(textOf).join(node.type === 'doc' ? '\n' : '');
  return (content.content ?? []).map((block) => {
    // Tables and lists: one line per row or item, so a changed figure shows in its row.
    if (block.content?.every((child) => child.type !== 'text') && block.type !== 'paragraph' && block.type !== 'heading') {
      return block.content.map(textOf).join(' / ');
    }
    return textOf(block);
  });
}
