import { getSchema, type JSONContent } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { documentExtensions } from '../../shared/editor/extensions.js';
import { DOCUMENT_FIELD } from '../../shared/rooms.js';
import { sectionBlocks } from '../export/documentBlocks.js';
import { isLineBreak, type ExportBlock } from '../export/model.js';

const schema = getSchema(documentExtensions());

/** A section's ProseMirror JSON from a Yjs state (a stored version or a live document). */
export function contentOfState(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), schema).toJSON() as JSONContent;
  doc.destroy();
  return json;
}

/**
 * What a version diff compares: the section as it reads, through the same flattening the export
 * uses. One line per heading (with its （一） number), paragraph, list item (with its 「1.」 or 「•」)
 * and table row (totals and 执行率 computed), so a changed figure shows in its own row.
 */
export function blockTexts(content: JSONContent): string[] {
  return sectionBlocks(content).flatMap(linesOf);
}

function linesOf(block: ExportBlock): string[] {
  switch (block.kind) {
    case 'heading': return [`${block.number}${block.text}`];
    case 'paragraph': return [block.inlines.map((inline) => (isLineBreak(inline) ? '\n' : inline.text)).join('')];
    case 'table': {
      const { caption, columns, rows } = block.table;
      return [caption, columns.map((column) => column.label).join(' / '), ...rows.map((row) => row.cells.join(' / '))];
    }
    case 'attachmentLabel':
    case 'title':
      return [block.text];
  }
}
