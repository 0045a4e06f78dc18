import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { chineseNumeral } from '../../shared/numbering.js';
import { DOCUMENT_FIELD, sectionRoomName } from '../../shared/rooms.js';
import { applyUpdates } from '../storage/applyUpdates.js';
import type { ReportRecord, Store } from '../storage/Store.js';
import { anchoredThreadIds, textContent } from './documentBlocks.js';
import { exportSchema } from './exportSchema.js';
import type { ExportModel, ExportSection, ExportThread } from './model.js';

export interface LoadOptions {
  /** 「附件4」: the label the finance bureau's notice gives this report, if any. */
  attachmentLabel?: string | null;
  /** 'open': carry the unresolved threads still anchored in the text (only the .docx shows them). */
  comments?: 'open' | null;
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
    applyUpdates(ydoc, (await store.documents.load(sectionRoomName({ reportId, sectionKey }))).updates);
    const raw = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(DOCUMENT_FIELD)) as JSONContent;
    const doc = { type: 'doc', content: (raw.content ?? []).map(validBlock) };
    // Through the shared schema once more: defaults are filled in exactly as the editor would.
    return exportSchema().nodeFromJSON(doc).toJSON() as JSONContent;
  } finally {
    ydoc.destroy();
  }
}

/**
 * The unresolved threads whose `comment` mark is still in their section's text, with their
 * comments and the display names of who wrote them. Section notes (no quote) and detached
 * threads have nothing to anchor on and are left out, as are resolved ones.
 */
async function openThreads(store: Store, report: ReportRecord, sections: readonly ExportSection[]): Promise<ExportThread[]> {
  const anchored = new Map(sections.map((section) => [section.key, anchoredThreadIds(section.doc)]));
  const threads = (await store.comments.threads(report.id))
    .filter((thread) => !thread.resolvedAt && thread.quote !== '' && anchored.get(thread.sectionKey)?.has(thread.id));
  if (threads.length === 0) return [];
  const names = new Map((await store.users.listByOrg(report.orgId)).map((user) => [user.id, user.displayName]));
  const name = (id: string) => names.get(id) ?? '未知用户';
  const comments = (await store.comments.comments(threads.map((thread) => thread.id))).filter((comment) => !comment.deleted);
  return threads.map((thread) => ({
    threadId: thread.id,
    author: name(thread.authorId),
    createdAt: thread.createdAt,
    comments: comments.filter((comment) => comment.threadId === thread.id)
      .map((comment) => ({ author: name(comment.authorId), body: comment.body, createdAt: comment.createdAt })),
  }));
}

/** A report and the stored documents of its sections, in section order, ready to render. */
export async function loadExportModel(store: Store, report: ReportRecord, options: LoadOptions = {}): Promise<ExportModel> {
  const records = [...(await store.reports.sections(report.id))].sort((a, b) => a.position - b.position);
  const sections = await Promise.all(records.map(async (section, index) => ({
    key: section.key,
    numeral: chineseNumeral(index + 1),
    title: section.title,
    doc: await storedSectionDoc(store, report.id, section.key),
  })));
  const model: ExportModel = {
    reportId: report.id,
    title: report.title,
    year: report.year,
    attachmentLabel: options.attachmentLabel ?? null,
    sections,
  };
  if (options.comments === 'open') model.comments = await openThreads(store, report, sections);
  return model;
}
