import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { chineseNumeral } from '../../shared/numbering.js';
import { DOCUMENT_FIELD, sectionRoomName } from '../../shared/rooms.js';
import type { ReportRecord, Store } from '../storage/Store.js';
import { textContent } from './documentBlocks.js';
import { exportSchema } from './exportSchema.js';
import type { ExportModel } from './model.js';

export interface LoadOptions {
  /** 「附件4」: the label the finance bureau's notice gives this report, if any. */
  attachmentLabel?: string | null;
}

/**
 * A block that the schema does not accept (a node type this server does not know, content in
 * the wrong shape) is kept as a paragraph of its text, so that an export never drops words.
 */
function validBlock(block: JSONContent): JSONContent {
  try {
    exportSchema().nodeFromJSON(block).check();
    return block;
  } catch {
    const text = textContent(block).trim();
    return { type: 'paragraph', content: text === '' ? [] : [{ type: 'text', text }] };
  }
}

/**
 * A section's document as stored. The schema-free JSON reading is deliberate: the schema-bound
 * reader (yXmlFragmentToProseMirrorRootNode) deletes elements it cannot place, losing their text.
 */
async function storedSectionDoc(store: Store, reportId: string, sectionKey: string): Promise<JSONContent> {
  const ydoc = new Y.Doc();
  try {
    for (const update of await store.documents.load(sectionRoomName({ reportId, sectionKey }))) Y.applyUpdate(ydoc, update);
    const raw = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(DOCUMENT_FIELD)) as JSONContent;
    const doc = { type: 'doc', content: (raw.content ?? []).map(validBlock) };
    // Through the shared schema once more: defaults are filled in exactly as the editor would.
    return exportSchema().nodeFromJSON(doc).toJSON() as JSONContent;
  } finally {
    ydoc.destroy();
  }
}

/** A report and the stored documents of its sections, in section order, ready to render. */
export async function loadExportModel(store: Store, report: ReportRecord, options: LoadOptions = {}): Promise<ExportModel> {
  const sections = [...(await store.reports.sections(report.id))].sort((a, b) => a.position - b.position);
  return {
    reportId: report.id,
    title: report.title,
    year: report.year,
    attachmentLabel: options.attachmentLabel ?? null,
    sections: await Promise.all(sections.map(async (section, index) => ({
      key: section.key,
      numeral: chineseNumeral(index + 1),
      title: section.title,
      doc: await storedSectionDoc(store, report.id, section.key),
    }))),
  };
}
