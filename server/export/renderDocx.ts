import {
  AlignmentType, BorderStyle, CommentRangeEnd, CommentRangeStart, CommentReference, Document, DocumentGridType, Footer, Header, HeadingLevel, LineRuleType, Packer,
  PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type ICommentOptions,
  type IRunOptions, type ISpacingProperties, type ParagraphChild,
} from 'docx';
import { documentBlocks } from './documentBlocks.js';
import {
  CHAR_PITCH_POINTS, FIRST_LINE_INDENT_CHARS, FONTS, GRID_CHAR_SPACE, LINE_PITCH_TWIPS, MARGIN_MM, PAGE_MM,
  PAGE_NUMBER_GAP_MM, SIZE_POINTS, TEXT_WIDTH_TWIPS, mmToTwips, pointsToTwips, type FontRole,
} from './gbt9704.js';
import {
  isLineBreak, type DraftStatus, type ExportBlock, type ExportModel, type ExportTable, type ExportThread,
  type HeadingLevel as Level, type Inline,
} from './model.js';

/** Word's half-point font sizes. */
const halfPoints = (points: number) => points * 2;

/** East Asian and Latin slots both named, or Word shows digits and Latin letters in Calibri. */
function fontOf(role: FontRole) {
  const name = FONTS[role];
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

/** Every body line sits on the 22-line grid. */
const GRID_LINE: ISpacingProperties = { line: LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const FIRST_LINE_INDENT = {
  firstLine: pointsToTwips(FIRST_LINE_INDENT_CHARS * CHAR_PITCH_POINTS),
  firstLineChars: FIRST_LINE_INDENT_CHARS * 100,
};

const HEADING_STYLE: Record<Level, { font: FontRole; heading: (typeof HeadingLevel)[keyof typeof HeadingLevel] }> = {
  1: { font: 'heiti', heading: HeadingLevel.HEADING_1 },
  2: { font: 'kaiti', heading: HeadingLevel.HEADING_2 },
  3: { font: 'body', heading: HeadingLevel.HEADING_3 },
  4: { font: 'body', heading: HeadingLevel.HEADING_4 },
};

function headingStyle(level: Level) {
  return {
    run: { font: fontOf(HEADING_STYLE[level].font), size: halfPoints(SIZE_POINTS.body), bold: false, italics: false, color: '000000' },
    paragraph: { spacing: GRID_LINE, indent: FIRST_LINE_INDENT, outlineLevel: level - 1, keepNext: true },
  };
}

function runOf(inline: Inline, base: IRunOptions = {}): TextRun {
  return isLineBreak(inline)
    ? new TextRun({ ...base, break: 1 })
    : new TextRun({
      ...base, text: inline.text, bold: inline.bold, italics: inline.italic,
      underline: inline.underline ? {} : undefined, strike: inline.strike,
    });
}

/** The runs a comment can be anchored on: a paragraph's, or a whole heading as one run. */
function anchorableInlines(block: ExportBlock): readonly Inline[] {
  if (block.kind === 'paragraph') return block.inlines;
  if (block.kind === 'heading') return [{ text: `${block.number}${block.text}`, ...(block.threadIds ? { threadIds: block.threadIds } : {}) }];
  return [];
}

/**
 * Where each exported thread is anchored: its Word comment range starts before the first run
 * carrying its mark and ends after the last one (a mark may span paragraphs, or be split by
 * other text). A heading is one run, so a thread on some of its words comments on all of it.
 */
class CommentAnchors {
  private readonly starts = new Map<string, number[]>();
  private readonly ends = new Map<string, number[]>();
  readonly comments: ICommentOptions[] = [];

  constructor(blocks: readonly ExportBlock[], threads: readonly ExportThread[]) {
    if (threads.length === 0) return;
    const wanted = new Set(threads.map((thread) => thread.threadId));
    const first = new Map<string, string>();
    const last = new Map<string, string>();
    blocks.forEach((block, blockIndex) => {
      anchorableInlines(block).forEach((inline, inlineIndex) => {
        if (isLineBreak(inline)) return;
        for (const threadId of inline.threadIds ?? []) {
          if (!wanted.has(threadId)) continue;
          const at = CommentAnchors.at(blockIndex, inlineIndex);
          if (!first.has(threadId)) first.set(threadId, at);
          last.set(threadId, at);
        }
      });
    });
    for (const thread of threads) {
      const start = first.get(thread.threadId);
      const end = last.get(thread.threadId);
      if (start === undefined || end === undefined) continue;
      const id = this.comments.length;
      this.comments.push(wordComment(id, thread));
      this.starts.set(start, [...(this.starts.get(start) ?? []), id]);
      this.ends.set(end, [...(this.ends.get(end) ?? []), id]);
    }
  }

  private static at(blockIndex: number, inlineIndex: number): string {
    return `${blockIndex}:${inlineIndex}`;
  }

  /** A paragraph's runs with the comment ranges that open and close on them. */
  runs(blockIndex: number, inlines: readonly Inline[]): ParagraphChild[] {
    return inlines.flatMap((inline, inlineIndex): ParagraphChild[] => {
      const at = CommentAnchors.at(blockIndex, inlineIndex);
      return [
        ...(this.starts.get(at) ?? []).map((id) => new CommentRangeStart(id)),
        runOf(inline),
        ...(this.ends.get(at) ?? []).flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
      ];
    });
  }
}

/** A thread as one Word comment: a paragraph per comment, 「校长：请核对」. */
function wordComment(id: number, thread: ExportThread): ICommentOptions {
  return {
    id,
    author: thread.author,
    initials: [...thread.author][0] ?? '',
    date: new Date(thread.createdAt),
    children: thread.comments.map((comment) => new Paragraph({
      children: `${comment.author}：${comment.body}`.split('\n').map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined })),
    })),
  };
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER };
const TABLE_SIZE = halfPoints(SIZE_POINTS.table);
/** Table text keeps off the body grid (exact spacing, no character grid): 小四 on a 29 pt pitch would waste half the table. */
const TABLE_LINE: ISpacingProperties = { line: pointsToTwips(SIZE_POINTS.table * 1.3), lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function cellParagraph(text: string, align: 'left' | 'center' | 'right', bold: boolean): Paragraph {
  return new Paragraph({
    alignment: align === 'left' ? AlignmentType.LEFT : align === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER,
    spacing: TABLE_LINE,
    children: [new TextRun({ text, bold, size: TABLE_SIZE, font: fontOf('body'), snapToGrid: false })],
  });
}

/** One table of the report as a Word table: caption, unit, a repeated header row, fixed widths. */
function docxTable(table: ExportTable): (Paragraph | Table)[] {
  const totalWeight = table.columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = table.columns.map((column) => Math.floor((TEXT_WIDTH_TWIPS * column.weight) / totalWeight));
  const cell = (text: string, index: number, align: 'left' | 'center' | 'right', bold: boolean) => new TableCell({
    width: { size: widths[index] ?? 0, type: WidthType.DXA },
    borders: CELL_BORDERS,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [cellParagraph(text, align, bold)],
  });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((column, index) => cell(column.label, index, 'center', true)),
  });
  const rows = table.rows.map((row) => new TableRow({
    cantSplit: true,
    children: table.columns.map((column, index) => cell(row.cells[index] ?? '', index, column.align, row.emphasis)),
  }));
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: GRID_LINE, keepNext: true,
      children: [new TextRun({ text: table.caption, font: fontOf('heiti') })],
    }),
  ];
  if (table.unitNote) {
    out.push(new Paragraph({
      alignment: AlignmentType.RIGHT, keepNext: true, spacing: TABLE_LINE,
      children: [new TextRun({ text: table.unitNote, size: TABLE_SIZE, snapToGrid: false })],
    }));
  }
  out.push(new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [header, ...rows],
  }));
  return out;
}

function blockToDocx(block: ExportBlock, blockIndex: number, anchors: CommentAnchors): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'attachmentLabel':
      return [
        new Paragraph({ spacing: GRID_LINE, children: [new TextRun({ text: block.text, font: fontOf('heiti') })] }),
        new Paragraph({ spacing: GRID_LINE }),
      ];
    case 'title':
      return [
        new Paragraph({
          heading: HeadingLevel.TITLE,
          children: [new TextRun({ text: block.text })],
        }),
        new Paragraph({ spacing: GRID_LINE }),
      ];
    case 'heading':
      return [new Paragraph({
        heading: HEADING_STYLE[block.level].heading,
        children: anchors.runs(blockIndex, anchorableInlines(block)),
      })];
    case 'paragraph':
      return [new Paragraph({
        alignment: AlignmentType.BOTH, spacing: GRID_LINE, indent: FIRST_LINE_INDENT, children: anchors.runs(blockIndex, block.inlines),
      })];
    case 'table':
      return docxTable(block.table);
  }
}

/** One 4号 line, exact, so the footer distance below puts the number 7 mm under the text block. */
const PAGE_NUMBER_LINE_TWIPS = pointsToTwips(SIZE_POINTS.pageNumber * 1.25);

/** 「— N —」 in 4号宋体, one character in from the outer edge: right on odd pages, left on even. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const inset = pointsToTwips(SIZE_POINTS.pageNumber);
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: inset } : { left: inset },
      spacing: { line: PAGE_NUMBER_LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({
        children: ['— ', PageNumber.CURRENT, ' —'], font: fontOf('songti'), size: halfPoints(SIZE_POINTS.pageNumber),
      })],
    })],
  });
}

function draftHeader(draft: DraftStatus): Header {
  const open = draft.problems.length > 0 ? `（尚有${draft.problems.length}个问题待解决，见文末）` : '';
  return new Header({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `草稿${open}`, font: fontOf('heiti'), size: halfPoints(SIZE_POINTS.draftMark), color: 'C00000' })],
    })],
  });
}

/** The report as a Word document laid out per GB/T 9704-2012. */
export async function renderDocx(model: ExportModel, draft: DraftStatus): Promise<Buffer> {
  const header = draft.draft ? draftHeader(draft) : undefined;
  const blocks = documentBlocks(model, draft);
  const anchors = new CommentAnchors(blocks, model.comments ?? []);
  const document = new Document({
    creator: '共写',
    title: model.title,
    evenAndOddHeaderAndFooters: true,
    ...(anchors.comments.length > 0 ? { comments: { children: anchors.comments } } : {}),
    styles: {
      default: {
        document: {
          run: { font: fontOf('body'), size: halfPoints(SIZE_POINTS.body) },
          paragraph: { spacing: GRID_LINE },
        },
        title: {
          run: { font: fontOf('title'), size: halfPoints(SIZE_POINTS.title), bold: false, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: GRID_LINE },
        },
        heading1: headingStyle(1),
        heading2: headingStyle(2),
        heading3: headingStyle(3),
        heading4: headingStyle(4),
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: mmToTwips(PAGE_MM.width), height: mmToTwips(PAGE_MM.height) },
          margin: {
            top: mmToTwips(MARGIN_MM.top), bottom: mmToTwips(MARGIN_MM.bottom),
            left: mmToTwips(MARGIN_MM.left), right: mmToTwips(MARGIN_MM.right),
            header: mmToTwips(15),
            // The page number's top line sits 7 mm under the text block.
            footer: mmToTwips(MARGIN_MM.bottom - PAGE_NUMBER_GAP_MM) - PAGE_NUMBER_LINE_TWIPS,
          },
        },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH_TWIPS, charSpace: GRID_CHAR_SPACE },
      },
      headers: header ? { default: header, even: header } : undefined,
      footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
      children: blocks.flatMap((block, index) => blockToDocx(block, index, anchors)),
    }],
  });
  return Packer.toBuffer(document);
}
