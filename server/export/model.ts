import type { JSONContent } from '@tiptap/core';

/** A report as the exporters see it: read from the store, independent of any output format. */
export interface ExportModel {
  reportId: string;
  title: string;
  year: number;
  /** 「附件4」 when the report goes out as an attachment to a notice, else null. */
  attachmentLabel: string | null;
  sections: ExportSection[];
  /**
   * Comment threads to carry into the export (only the .docx renders them), anchored on the text
   * runs whose `threadIds` name them. Absent when comments are left out, which is the default.
   */
  comments?: ExportThread[];
}

/** An open comment thread, anchored in the text by its `comment` mark. */
export interface ExportThread {
  threadId: string;
  /** Who opened the thread (display name). */
  author: string;
  createdAt: number;
  /** The thread's comments, oldest first, deleted ones left out. */
  comments: { author: string; body: string; createdAt: number }[];
}

export interface ExportSection {
  key: string;
  /** The section's Chinese numeral from its order (一, 二, …), never typed by anyone. */
  numeral: string;
  title: string;
  /** The section's ProseMirror document, valid for the export schema. */
  doc: JSONContent;
}

/** Whether the export is a draft and, if so, the open problems to list at its end. */
export interface DraftStatus {
  draft: boolean;
  problems: string[];
}

export const CLEAN_EXPORT: DraftStatus = { draft: false, problems: [] };

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** The comment threads whose `comment` mark covers this text, if any. */
  threadIds?: string[];
}

export type Inline = TextRun | { lineBreak: true };

/** 1 is the section heading 一、; 2, 3, 4 are （一）, 1., （1）. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export interface ExportTable {
  caption: string;
  /** e.g. 「单位：万元」, printed above the table on the right. */
  unitNote: string | null;
  columns: ExportColumn[];
  rows: ExportRow[];
}

export interface ExportColumn {
  label: string;
  align: 'left' | 'center' | 'right';
  /** Share of the table width, relative to the other columns. */
  weight: number;
}

export interface ExportRow {
  cells: string[];
  /** Totals are printed in bold. */
  emphasis: boolean;
}

/**
 * The report flattened into the blocks every renderer lays out, in reading order: the
 * attachment label, the title, numbered headings, paragraphs and tables.
 */
export type ExportBlock =
  | { kind: 'attachmentLabel'; text: string }
  | { kind: 'title'; text: string }
  /** `threadIds`: comment threads anchored on any of the heading's words. */
  | { kind: 'heading'; level: HeadingLevel; number: string; text: string; threadIds?: string[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'table'; table: ExportTable };

export function isLineBreak(inline: Inline): inline is { lineBreak: true } {
  return 'lineBreak' in inline;
}
