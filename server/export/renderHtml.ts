import { documentBlocks } from './documentBlocks.js';
import {
  CHAR_PITCH_POINTS, FIRST_LINE_INDENT_CHARS, FONTS, LINE_PITCH_POINTS, MARGIN_MM, PAGE_NUMBER_GAP_MM, SIZE_POINTS,
  type FontRole,
} from './gbt9704.js';
import { isLineBreak, type DraftStatus, type ExportBlock, type ExportModel, type ExportTable, type Inline } from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The 公文 font first, then what Windows, macOS and Linux have in its place. */
const FONT_STACKS: Record<FontRole, string[]> = {
  body: [FONTS.body, '仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', 'Noto Serif SC', 'Source Han Serif SC', 'serif'],
  title: [FONTS.title, '方正小标宋_GBK', '华文中宋', 'STZhongsong', 'Noto Serif CJK SC', 'Noto Serif SC', 'serif'],
  heiti: [FONTS.heiti, 'SimHei', 'STHeiti', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'sans-serif'],
  kaiti: [FONTS.kaiti, '楷体', 'KaiTi', 'STKaiti', 'LXGW WenKai', 'serif'],
  songti: [FONTS.songti, 'SimSun', 'STSong', 'Noto Serif CJK SC', 'serif'],
};
const fontFamily = (role: FontRole) => FONT_STACKS[role].map((name) => (name.includes('-') || name === 'serif' || name === 'sans-serif' ? name : `"${name}"`)).join(', ');

const pageNumberBox = (side: 'left' | 'right') =>
  `@page :${side} { @bottom-${side} { content: "— " counter(page) " —"; font-family: ${fontFamily('songti')}; font-size: ${SIZE_POINTS.pageNumber}pt; vertical-align: top; padding-top: ${PAGE_NUMBER_GAP_MM}mm; margin-${side}: 1em; } }`;

const STYLE = `
@page { size: A4; margin: ${MARGIN_MM.top}mm ${MARGIN_MM.right}mm ${MARGIN_MM.bottom}mm ${MARGIN_MM.left}mm; }
${pageNumberBox('right')}
${pageNumberBox('left')}
html { background: #e8e8e8; }
body { margin: 0; color: #000; font-family: ${fontFamily('body')}; font-size: ${SIZE_POINTS.body}pt; line-height: ${LINE_PITCH_POINTS}pt; }
/* 28 characters a line: the grid pitch is a little under the 3号 size. */
.sheet { box-sizing: content-box; width: 156mm; min-height: 225mm; margin: 12mm auto; padding: ${MARGIN_MM.top}mm ${MARGIN_MM.right}mm ${MARGIN_MM.bottom}mm ${MARGIN_MM.left}mm; background: #fff; letter-spacing: ${(CHAR_PITCH_POINTS - SIZE_POINTS.body).toFixed(3)}pt; }
p, h1, h2, h3, h4, h5 { margin: 0; font-size: ${SIZE_POINTS.body}pt; font-weight: normal; line-height: ${LINE_PITCH_POINTS}pt; }
p, h2, h3, h4, h5 { text-indent: ${FIRST_LINE_INDENT_CHARS}em; text-align: justify; }
.attachment { font-family: ${fontFamily('heiti')}; text-indent: 0; margin-bottom: ${LINE_PITCH_POINTS}pt; }
h1 { font-family: ${fontFamily('title')}; font-size: ${SIZE_POINTS.title}pt; text-align: center; margin-bottom: ${LINE_PITCH_POINTS}pt; }
h2 { font-family: ${fontFamily('heiti')}; }
h3 { font-family: ${fontFamily('kaiti')}; }
h4, h5 { font-family: ${fontFamily('body')}; }
h2, h3, h4, h5 { break-after: avoid; }
figure { margin: 0; }
figcaption { font-family: ${fontFamily('heiti')}; text-align: center; }
.unit { font-size: ${SIZE_POINTS.table}pt; line-height: 1.5; text-align: right; text-indent: 0; }
table { width: 100%; border-collapse: collapse; font-size: ${SIZE_POINTS.table}pt; line-height: 1.3; letter-spacing: 0; margin-bottom: ${LINE_PITCH_POINTS / 2}pt; }
th, td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: middle; }
th { font-weight: bold; text-align: center; }
tr { break-inside: avoid; }
tr.total td { font-weight: bold; }
.left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
.draft-mark { position: fixed; top: 0; left: 0; right: 0; padding: 4mm 0; text-align: center; font-family: ${fontFamily('heiti')}; font-size: ${SIZE_POINTS.draftMark}pt; color: #c00000; background: rgba(255, 255, 255, .85); }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; }
  .draft-mark { top: -${MARGIN_MM.top - 12}mm; background: none; }
}
`;

function inlinesToHtml(inlines: readonly Inline[]): string {
  return inlines.map((inline) => {
    if (isLineBreak(inline)) return '<br>';
    let out = escapeHtml(inline.text);
    if (inline.strike) out = `<s>${out}</s>`;
    if (inline.underline) out = `<u>${out}</u>`;
    if (inline.italic) out = `<em>${out}</em>`;
    if (inline.bold) out = `<strong>${out}</strong>`;
    return out;
  }).join('');
}

/** One table of the report as an HTML table inside a figure with its caption and unit. */
function htmlTable(table: ExportTable): string {
  const totalWeight = table.columns.reduce((sum, column) => sum + column.weight, 0);
  const cols = table.columns.map((column) => `<col style="width:${((column.weight / totalWeight) * 100).toFixed(2)}%">`).join('');
  const head = `<tr>${table.columns.map((column) => `<th>${escapeHtml(column.label)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr${row.emphasis ? ' class="total"' : ''}>${table.columns.map((column, i) =>
    `<td class="${column.align}">${escapeHtml(row.cells[i] ?? '')}</td>`).join('')}</tr>`).join('\n');
  return [
    `<figure><figcaption>${escapeHtml(table.caption)}</figcaption>`,
    table.unitNote ? `<p class="unit">${escapeHtml(table.unitNote)}</p>` : '',
    `<table><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>\n${body}\n</tbody></table></figure>`,
  ].join('');
}

function blockToHtml(block: ExportBlock): string {
  switch (block.kind) {
    case 'attachmentLabel': return `<p class="attachment">${escapeHtml(block.text)}</p>`;
    case 'title': return `<h1>${escapeHtml(block.text)}</h1>`;
    case 'heading': return `<h${block.level + 1}>${escapeHtml(`${block.number}${block.text}`)}</h${block.level + 1}>`;
    case 'paragraph': return `<p>${inlinesToHtml(block.inlines)}</p>`;
    case 'table': return htmlTable(block.table);
  }
}

/**
 * The report as one self-contained HTML file (no external style, script, font or image) that
 * prints on A4 with the GB/T 9704 margins and page numbers.
 */
export function renderHtml(model: ExportModel, draft: DraftStatus): string {
  const mark = draft.draft
    ? `<div class="draft-mark">草稿${draft.problems.length > 0 ? `（尚有${draft.problems.length}个问题待解决，见文末）` : ''}</div>\n`
    : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${mark}<main class="sheet">
${documentBlocks(model, draft).map(blockToHtml).join('\n')}
</main>
</body>
</html>
`;
}
