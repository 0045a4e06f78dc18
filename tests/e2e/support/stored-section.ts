import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../../shared/rooms.js';
import { connectSection, waitForSync } from '../../helpers/clients.js';

/** Plain text of a TipTap fragment: blocks joined without separators, like the DOM's textContent. */
export function fragmentText(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toDelta().map((part: { insert: unknown }) => (typeof part.insert === 'string' ? part.insert : '')).join('');
  return node.toArray().map((child) => fragmentText(child as Y.XmlElement | Y.XmlText)).join('');
}

/** What the server holds for a section, read through an ordinary y-websocket client. */
export async function storedSectionText(collabUrl: string, token: string, reportId: string, sectionKey: string): Promise<string> {
  const client = connectSection(collabUrl, token, reportId, sectionKey);
  try {
    await waitForSync(client.provider);
    return fragmentText(client.doc.getXmlFragment(DOCUMENT_FIELD)).trim();
  } finally {
    client.destroy();
  }
}
