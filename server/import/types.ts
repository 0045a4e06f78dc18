import type { JSONContent } from '@tiptap/core';
import type { MoneyUnit } from '../../shared/domain/money.js';

export interface ImportedSection {
  /** A STANDARD_SECTIONS key when the heading is a standard part, else a generated `[a-z0-9-]` key. */
  key: string;
  /** The heading as the author wrote it, without its number (numbers come from section order). */
  title: string;
  /** The department that writes this part at a school. */
  department: string;
  /** A ProseMirror document valid for `getSchema(documentExtensions())`. */
  content: JSONContent;
}

export interface ImportedAmount {
  sectionKey: string;
  /** As written, e.g. 「769.78万元」. */
  text: string;
  /** Canonical decimal string, e.g. "769.78". */
  value: string;
  unit: MoneyUnit;
}

export interface ImportResult {
  /** The report title, joined into one line when it was wrapped. */
  title: string;
  year: number | null;
  /** 「附件4」 when the document starts with one. */
  attachmentLabel: string | null;
  sections: ImportedSection[];
  /** What the importer changed or interpreted, in Chinese, for the user to review. */
  normalisations: string[];
  amounts: ImportedAmount[];
}
