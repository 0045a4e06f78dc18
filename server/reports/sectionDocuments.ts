import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CarryOver } from '../../shared/domain/carryOver.js';
import { readCarryOver, writeCarryOver } from '../../shared/editor/carryOverDoc.js';
import { documentExtensions } from '../../shared/editor/extensions.js';
import { DOCUMENT_FIELD, sectionRoomName } from '../../shared/rooms.js';
import { applyUpdates } from '../storage/applyUpdates.js';
import type { DocumentStore, DocumentUpdate } from '../storage/Store.js';

const schema = getSchema(documentExtensions());

/** What the server writes into a new section before anyone connects to it. */
export interface SectionSeed {
  reportId: string;
  sectionKey: string;
  content: JSONContent;
  carryOver?: CarryOver;
}

/**
 * The first update of a section's document: its content as the editor's Yjs binding stores it.
 * The server, never a client, seeds (clients that seed race each other and duplicate content),
 * and only sections nobody has opened yet.
 */
export function seedUpdate(seed: SectionSeed): DocumentUpdate {
  const doc = new Y.Doc();
  // Throws on content the schema does not allow, so nothing invalid is ever stored.
  prosemirrorJSONToYXmlFragment(schema, seed.content, doc.getXmlFragment(DOCUMENT_FIELD));
  if (seed.carryOver) writeCarryOver(doc, seed.carryOver);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { docName: sectionRoomName(seed), update };
}

export interface StoredSection {
  content: JSONContent;
  carryOver: CarryOver | null;
}

/** A section as stored: its ProseMirror JSON and its carry-over record. */
export async function loadSection(documents: DocumentStore, reportId: string, sectionKey: string): Promise<StoredSection> {
  const doc = new Y.Doc();
  applyUpdates(doc, (await documents.load(sectionRoomName({ reportId, sectionKey }))).updates);
  const content = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), schema).toJSON() as JSONContent;
  const carryOver = readCarryOver(doc);
  doc.destroy();
  return { content, carryOver };
}
