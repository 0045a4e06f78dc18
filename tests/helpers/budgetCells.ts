import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/rooms.js';

/** The Yjs element of the first node named `nodeName` in a section's TipTap document. */
export function findElement(doc: Y.Doc, nodeName: string): Y.XmlElement {
  for (const node of doc.getXmlFragment(DOCUMENT_FIELD).createTreeWalker(() => true)) {
    if (node instanceof Y.XmlElement && node.nodeName === nodeName) return node;
  }
  throw new Error(`no ${nodeName} in the document`);
}

/** The number cell of a budget table's row (by label) and column, as y-prosemirror stores it. */
export function budgetCell(doc: Y.Doc, rowLabel: string, column: string): Y.XmlElement {
  const table = findElement(doc, 'budgetTable');
  const row = table.toArray().find((r) => r instanceof Y.XmlElement && r.getAttribute('label') === rowLabel) as Y.XmlElement | undefined;
  if (!row) throw new Error(`no row ${rowLabel}`);
  const cell = row.toArray().find((c) => c instanceof Y.XmlElement && c.getAttribute('column') === column) as Y.XmlElement | undefined;
  if (!cell) throw new Error(`no cell ${column} in row ${rowLabel}`);
  return cell;
}
