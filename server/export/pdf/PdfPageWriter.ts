import {
  CHAR_PITCH_POINTS, FIRST_LINE_INDENT_CHARS, LINE_PITCH_POINTS, LINES_PER_PAGE, MARGIN_MM, PAGE_MM,
  PAGE_NUMBER_GAP_MM, SIZE_POINTS, TEXT_WIDTH_POINTS, mmToPoints, pageNumberText,
} from '../gbt9704.js';
import type { ExportTable } from '../model.js';
import { breakLines, type LaidOutLine, type StyledChar } from './lineBreaking.js';
import type { PdfFont } from './fonts.js';

/** Fonts by index in StyledChar.font. */
export const FONT_ORDER: readonly PdfFont[] = ['regular', 'bold'];
export const REGULAR = 0;
export const BOLD = 1;

export const PAGE = { width: mmToPoints(PAGE_MM.width), height: mmToPoints(PAGE_MM.height) };
/** The text block, as wide as Word's (whole twips) so both break lines after the same 28 characters. */
export const TEXT_BOX = {
  left: mmToPoints(MARGIN_MM.left),
  right: mmToPoints(MARGIN_MM.left) + TEXT_WIDTH_POINTS,
  top: mmToPoints(MARGIN_MM.top),
  width: TEXT_WIDTH_POINTS,
  /** The last of the 22 grid lines ends here. */
  bottom: mmToPoints(MARGIN_MM.top) + LINES_PER_PAGE * LINE_PITCH_POINTS,
};

const TABLE_LINE_HEIGHT = SIZE_POINTS.table * 1.3;
const CELL_PADDING = 3;
const RULE_WIDTH = 0.5;

export interface ParagraphStyle {
  size: number;
  align: 'justify' | 'center' | 'left';
  /** First-line indent in grid characters. */
  indentChars: number;
  /** Keep this many following lines on the same page (headings stay with their text). */
  keepWithNext: number;
}

export const BODY_STYLE: ParagraphStyle = { size: SIZE_POINTS.body, align: 'justify', indentChars: FIRST_LINE_INDENT_CHARS, keepWithNext: 0 };

/**
 * Lays text out on the GB/T 9704 grid of an A4 page: 22 lines of 28 characters, a new page when
 * the block is full. Every piece of text is drawn as real text in an embedded font.
 */
export class PdfPageWriter {
  private y = TEXT_BOX.top;
  private readonly widths = new Map<string, number>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private charWidth(c: StyledChar, size: number): number {
    const key = `${c.font}:${size}:${c.char}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.doc.font(FONT_ORDER[c.font]!).fontSize(size).widthOfString(c.char);
      this.widths.set(key, width);
    }
    return width;
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = TEXT_BOX.top;
  }

  /** Starts a new page unless `height` more points fit above the bottom of the text block. */
  private reserve(height: number): void {
    if (this.y + height > TEXT_BOX.bottom + 0.01 && this.y > TEXT_BOX.top) this.newPage();
  }

  /** Moves down to the next line of the grid (after a table, which does not follow the grid). */
  private snapToGrid(): void {
    const lines = Math.ceil((this.y - TEXT_BOX.top) / LINE_PITCH_POINTS - 0.001);
    this.y = TEXT_BOX.top + lines * LINE_PITCH_POINTS;
    if (this.y >= TEXT_BOX.bottom - 0.01) this.newPage();
  }

  blankLine(): void {
    this.y += LINE_PITCH_POINTS;
    if (this.y >= TEXT_BOX.bottom - 0.01) this.newPage();
  }

  /** Draws one laid-out line; `characterSpacing` is added after every character. */
  private drawLine(line: LaidOutLine, x: number, top: number, size: number, characterSpacing: number): void {
    let start = 0;
    while (start < line.chars.length) {
      const font = line.chars[start]!.font;
      let end = start;
      let width = 0;
      while (end < line.chars.length && line.chars[end]!.font === font) width += this.charWidth(line.chars[end++]!, size);
      const text = line.chars.slice(start, end).map((c) => c.char).join('');
      this.doc.font(FONT_ORDER[font]!).fontSize(size).text(text, x, top, { lineBreak: false, characterSpacing });
      x += width + (end - start) * characterSpacing;
      start = end;
    }
  }

  /** A paragraph on the grid: one line per pitch, justified except for its last line. */
  paragraph(chars: readonly (StyledChar | null)[], style: ParagraphStyle): void {
    const indent = style.indentChars * CHAR_PITCH_POINTS;
    // The grid squeezes every character to 28 a line; bigger type (the title) keeps its own width.
    const spacing = style.size === SIZE_POINTS.body ? CHAR_PITCH_POINTS - SIZE_POINTS.body : 0;
    const lines = breakLines(chars, { maxWidth: TEXT_BOX.width, firstLineIndent: indent, spacing }, (c) => this.charWidth(c, style.size));
    // A paragraph may run over a page, but not leave a single line behind (Word's widow control).
    this.reserve((Math.min(lines.length, 2) + style.keepWithNext) * LINE_PITCH_POINTS);
    lines.forEach((line, index) => {
      this.reserve(LINE_PITCH_POINTS);
      const lineIndent = index === 0 ? indent : 0;
      const available = TEXT_BOX.width - lineIndent;
      const count = line.chars.length;
      const justify = style.align === 'justify' && !line.last && count > 1;
      const characterSpacing = justify ? (available - line.naturalWidth) / count : spacing;
      const width = line.naturalWidth + count * characterSpacing;
      const x = TEXT_BOX.left + (style.align === 'center' ? (TEXT_BOX.width - width) / 2 : lineIndent);
      const lineHeight = this.doc.font(FONT_ORDER[REGULAR]!).fontSize(style.size).currentLineHeight();
      this.drawLine(line, x, this.y + (LINE_PITCH_POINTS - lineHeight) / 2, style.size, characterSpacing);
      this.y += LINE_PITCH_POINTS;
    });
  }

  private cellLines(text: string, bold: boolean, width: number): LaidOutLine[] {
    const chars = [...text].map((char) => (char === '\n' ? null : { char, font: bold ? BOLD : REGULAR }));
    return breakLines(chars, { maxWidth: width - 2 * CELL_PADDING, firstLineIndent: 0, spacing: 0 }, (c) => this.charWidth(c, SIZE_POINTS.table));
  }

  private drawRow(cells: readonly string[], table: ExportTable, widths: readonly number[], header: boolean, bold: boolean): void {
    const laidOut = widths.map((width, i) => this.cellLines(cells[i] ?? '', bold, width));
    const height = Math.max(1, ...laidOut.map((lines) => lines.length)) * TABLE_LINE_HEIGHT + 2 * CELL_PADDING;
    let x = TEXT_BOX.left;
    laidOut.forEach((lines, i) => {
      const width = widths[i]!;
      const align = header ? 'center' : table.columns[i]!.align;
      this.doc.lineWidth(RULE_WIDTH).rect(x, this.y, width, height).stroke();
      lines.forEach((line, n) => {
        const free = width - 2 * CELL_PADDING - line.naturalWidth;
        const offset = align === 'right' ? free : align === 'center' ? free / 2 : 0;
        this.drawLine(line, x + CELL_PADDING + offset, this.y + CELL_PADDING + n * TABLE_LINE_HEIGHT, SIZE_POINTS.table, 0);
      });
      x += width;
    });
    this.y += height;
  }

  private rowHeight(cells: readonly string[], widths: readonly number[], bold: boolean): number {
    const lines = widths.map((width, i) => this.cellLines(cells[i] ?? '', bold, width).length);
    return Math.max(1, ...lines) * TABLE_LINE_HEIGHT + 2 * CELL_PADDING;
  }

  /** A ruled table: caption and unit on top, the header row repeated on every page it spans. */
  table(table: ExportTable): void {
    const total = table.columns.reduce((sum, column) => sum + column.weight, 0);
    const widths = table.columns.map((column) => (TEXT_BOX.width * column.weight) / total);
    const labels = table.columns.map((column) => column.label);
    const headerHeight = this.rowHeight(labels, widths, true);
    const firstRow = table.rows[0];
    const unitHeight = table.unitNote ? TABLE_LINE_HEIGHT + CELL_PADDING : 0;
    this.reserve(LINE_PITCH_POINTS + unitHeight + headerHeight + (firstRow ? this.rowHeight(firstRow.cells, widths, firstRow.emphasis) : 0));
    this.paragraph([...table.caption].map((char) => ({ char, font: BOLD })), { ...BODY_STYLE, align: 'center', indentChars: 0 });
    if (table.unitNote) {
      const note = this.doc.font(FONT_ORDER[REGULAR]!).fontSize(SIZE_POINTS.table);
      note.text(table.unitNote, TEXT_BOX.right - note.widthOfString(table.unitNote), this.y, { lineBreak: false });
      this.y += unitHeight;
    }
    this.drawRow(labels, table, widths, true, true);
    for (const row of table.rows) {
      if (this.y + this.rowHeight(row.cells, widths, row.emphasis) > TEXT_BOX.bottom) {
        this.newPage();
        this.drawRow(labels, table, widths, true, true);
      }
      this.drawRow(row.cells, table, widths, false, row.emphasis);
    }
    this.snapToGrid();
  }

  /** 「— N —」 under the text block of every page: odd pages on the right, even on the left, one character in. */
  pageNumbers(): void {
    const range = this.doc.bufferedPageRange();
    const top = PAGE.height - mmToPoints(MARGIN_MM.bottom) + mmToPoints(PAGE_NUMBER_GAP_MM);
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const page = i + 1;
      const text = pageNumberText(page);
      const pen = this.doc.font(FONT_ORDER[REGULAR]!).fontSize(SIZE_POINTS.pageNumber);
      const inset = SIZE_POINTS.pageNumber;
      const x = page % 2 === 1 ? TEXT_BOX.right - inset - pen.widthOfString(text) : TEXT_BOX.left + inset;
      pen.text(text, x, top, { lineBreak: false });
    }
  }

  /** The same line at the top of every page (the 草稿 marking). */
  pageHeaders(text: string, color: string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const pen = this.doc.font(FONT_ORDER[BOLD]!).fontSize(SIZE_POINTS.draftMark).fillColor(color);
      pen.text(text, (PAGE.width - pen.widthOfString(text)) / 2, mmToPoints(15), { lineBreak: false });
      pen.fillColor('black');
    }
  }
}
