import { documentBlocks } from './documentBlocks.js';
import { isLineBreak, type DraftStatus, type ExportBlock, type ExportModel, type ExportTable, type Inline } from './model.js';

/** Characters Markdown would read as markup anywhere in a line. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, '\\$1');
}

/** A paragraph must not turn into a heading, quote, list or rule because of how it starts. */
function escapeLineStart(text: string): string {
  return text.replace(/^(\s*)([#>+\-=]|\d+(?=[.)]))/, (_m, space: string, lead: string) =>
    /\d/.test(lead) ? `${space}${lead}\\` : `${space}\\${lead}`);
}

function inlinesToMarkdown(inlines: readonly Inline[]): string {
  const text = inlines.map((inline) => {
    if (isLineBreak(inline)) return '  \n';
    let out = escapeInline(inline.text);
    if (out.trim() === '') return out;
    if (inline.strike) out = `~~${out}~~`;
    if (inline.italic) out = `*${out}*`;
    if (inline.bold) out = `**${out}**`;
    return out;
  }).join('');
  return text.split('\n').map(escapeLineStart).join('\n');
}

const cellText = (text: string) => escapeInline(text).replace(/\n/g, ' ');

/** One table of the report as a Markdown (GFM) table with its caption and unit above it. */
function markdownTable(table: ExportTable): string {
  const alignMark = { left: ':---', center: ':---:', right: '---:' } as const;
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    `**${escapeInline(table.caption)}**${table.unitNote ? `（${table.unitNote}）` : ''}`,
    '',
    row(table.columns.map((column) => cellText(column.label))),
    `| ${table.columns.map((column) => alignMark[column.align]).join(' | ')} |`,
    ...table.rows.map((r) => row(table.columns.map((_, i) => {
      const text = cellText(r.cells[i] ?? '');
      return r.emphasis && text.trim() !== '' ? `**${text}**` : text;
    }))),
  ].join('\n');
}

const HEADING_MARKS = { 1: '##', 2: '###', 3: '####', 4: '#####' } as const;

function blockToMarkdown(block: ExportBlock): string {
  switch (block.kind) {
    case 'attachmentLabel': return escapeLineStart(escapeInline(block.text));
    case 'title': return `# ${escapeInline(block.text)}`;
    case 'heading': return `${HEADING_MARKS[block.level]} ${escapeInline(`${block.number}${block.text}`)}`;
    case 'paragraph': return inlinesToMarkdown(block.inlines);
    case 'table': return markdownTable(block.table);
  }
}

/** The report as Markdown: # title, ## 一、 sections, numbered sub-headings, GFM tables. */
export function renderMarkdown(model: ExportModel, draft: DraftStatus): string {
  const parts = documentBlocks(model, draft).map(blockToMarkdown);
  if (draft.draft) parts.unshift(`> **草稿**：尚未定稿${draft.problems.length > 0 ? `，有 ${draft.problems.length} 个问题待解决（见文末）` : ''}。`);
  return `${parts.join('\n\n')}\n`;
}
