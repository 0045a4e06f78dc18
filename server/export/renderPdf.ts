import PDFDocument from 'pdfkit';
import { documentBlocks } from './documentBlocks.js';
import { SIZE_POINTS } from './gbt9704.js';
import { isLineBreak, type DraftStatus, type ExportBlock, type ExportModel, type HeadingLevel, type Inline } from './model.js';
import { PDF_FONT_FILES } from './pdf/fonts.js';
import { BODY_STYLE, BOLD, FONT_ORDER, PAGE, PdfPageWriter, REGULAR } from './pdf/PdfPageWriter.js';
import type { StyledChar } from './pdf/lineBreaking.js';

function styledChars(inlines: readonly Inline[]): (StyledChar | null)[] {
  return inlines.flatMap((inline) => isLineBreak(inline)
    ? [null]
    : [...inline.text].map((char) => ({ char, font: inline.bold ? BOLD : REGULAR })));
}

const plain = (text: string, font: number) => [...text].map((char) => ({ char, font }));

/** 一、 and the title in bold (for 黑体 and 小标宋); the other levels in the body face. */
const HEADING_FONT: Record<HeadingLevel, number> = { 1: BOLD, 2: REGULAR, 3: REGULAR, 4: REGULAR };

function drawBlock(writer: PdfPageWriter, block: ExportBlock): void {
  switch (block.kind) {
    case 'attachmentLabel':
      writer.paragraph(plain(block.text, BOLD), { ...BODY_STYLE, align: 'left', indentChars: 0 });
      writer.blankLine();
      return;
    case 'title':
      writer.paragraph(plain(block.text, BOLD), { size: SIZE_POINTS.title, align: 'center', indentChars: 0, keepWithNext: 0 });
      writer.blankLine();
      return;
    case 'heading':
      writer.paragraph(plain(`${block.number}${block.text}`, HEADING_FONT[block.level]), { ...BODY_STYLE, keepWithNext: 1 });
      return;
    case 'paragraph':
      writer.paragraph(styledChars(block.inlines), BODY_STYLE);
      return;
    case 'table':
      writer.table(block.table);
  }
}

/** The report as a PDF on the GB/T 9704 page, with its CJK font embedded (subset). */
export function renderPdf(model: ExportModel, draft: DraftStatus): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    // The writer places every line itself; zero margins keep pdfkit from breaking pages on its own.
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: true,
    info: { Title: model.title, Creator: '共写', Producer: '共写' },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const font of FONT_ORDER) doc.registerFont(font, PDF_FONT_FILES[font]);
  const writer = new PdfPageWriter(doc);
  for (const block of documentBlocks(model, draft)) drawBlock(writer, block);
  if (draft.draft) {
    const open = draft.problems.length > 0 ? `（尚有${draft.problems.length}个问题待解决，见文末）` : '';
    writer.pageHeaders(`草稿${open}`, '#c00000');
  }
  writer.pageNumbers();
  doc.end();
  return finished;
}
