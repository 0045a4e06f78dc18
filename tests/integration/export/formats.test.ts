import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportReport, type ExportFormat } from '../../../server/export/exportReport.js';
import { CHAR_PITCH_POINTS } from '../../../server/export/gbt9704.js';
import { CLEAN_EXPORT, type DraftStatus } from '../../../server/export/model.js';
import type { ReportRecord } from '../../../server/storage/Store.js';
import type { TestServer } from '../../helpers/server.js';
import { attributes, docxParts, paragraphs, part, styleXml } from './support/docxParts.js';
import { positionsInOrder, squeeze } from './support/inOrder.js';
import { pdfPages } from './support/pdfText.js';
import { EXPECTED_LINES, EXPECTED_TABLE_FIGURES } from './support/referenceReport.js';
import { startReferenceServer, UNKNOWN_NODE_TEXT } from './support/referenceServer.js';

let server: TestServer;
let report: ReportRecord;

const DRAFT: DraftStatus = { draft: true, problems: ['「一般公共预算支出情况」中项目支出执行率无法计算', '自评表「办学条件持续改善」缺少实际完成值'] };
const EVERY_LINE = [...EXPECTED_LINES, UNKNOWN_NODE_TEXT];

async function exported(format: ExportFormat, draft: DraftStatus = CLEAN_EXPORT, attachment: string | null = '附件4') {
  return exportReport(server.server.store, report, format, draft, { attachmentLabel: attachment });
}

beforeAll(async () => {
  const started = await startReferenceServer();
  server = started.server;
  report = (await server.server.store.reports.get(started.reportId))!;
});
afterAll(async () => { await server?.close(); });

describe('Word', () => {
  test('A4, GB/T 9704 margins and the 22 × 28 grid', async () => {
    const parts = docxParts((await exported('docx')).body);
    const document = part(parts, 'word/document.xml');
    expect(attributes(document, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    // 37 / 35 / 28 / 26 mm in twips.
    expect(attributes(document, 'w:pgMar')).toMatchObject({ 'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474' });
    const grid = attributes(document, 'w:docGrid');
    expect(grid['w:type']).toBe('linesAndChars');
    expect(Number(grid['w:linePitch'])).toBe(579);
    // Character pitch = 16 pt + charSpace/4096 pt: 28 characters across the 156 mm text block.
    expect(16 + Number(grid['w:charSpace']) / 4096).toBeCloseTo(CHAR_PITCH_POINTS, 2);
    expect(((11906 - 1587 - 1474) / 20) / (16 + Number(grid['w:charSpace']) / 4096)).toBeCloseTo(28, 1);
  });

  test('fonts by level: 小标宋 title, 黑体 一、, 楷体 （一）, 仿宋 body, Latin and East Asian names both set', async () => {
    const styles = part(docxParts((await exported('docx')).body), 'word/styles.xml');
    const fontsOf = (xml: string) => attributes(xml, 'w:rFonts');
    const sizeOf = (xml: string) => attributes(xml, 'w:sz')['w:val'];
    const defaults = /<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(styles)![0];
    const cases: [string, string, string][] = [
      [defaults, '仿宋_GB2312', '32'],
      [styleXml(styles, 'Title'), '方正小标宋简体', '44'],
      [styleXml(styles, 'Heading1'), '黑体', '32'],
      [styleXml(styles, 'Heading2'), '楷体_GB2312', '32'],
      [styleXml(styles, 'Heading3'), '仿宋_GB2312', '32'],
      [styleXml(styles, 'Heading4'), '仿宋_GB2312', '32'],
    ];
    for (const [xml, font, size] of cases) {
      expect(fontsOf(xml)).toMatchObject({ 'w:ascii': font, 'w:hAnsi': font, 'w:eastAsia': font });
      expect(sizeOf(xml)).toBe(size);
    }
  });

  test('every paragraph in order, headings numbered by the app, body indented two characters', async () => {
    const document = part(docxParts((await exported('docx')).body), 'word/document.xml');
    const ps = paragraphs(document);
    const texts = ps.map((p) => p.text);
    positionsInOrder(texts.join('\n'), EVERY_LINE);
    // The attachment label on the first line in 黑体, flush left; the title, centred, on the third.
    expect(texts.slice(0, 3)).toEqual(['附件4', '', report.title]);
    expect(attributes(ps[0]!.xml, 'w:rFonts')['w:eastAsia']).toBe('黑体');
    expect(ps[0]!.xml).not.toContain('w:ind');
    expect(ps[2]!.style).toBe('Title');

    const byText = (text: string) => ps.find((p) => p.text === text)!;
    expect(byText('一、部门（单位）基本情况').style).toBe('Heading1');
    expect(byText('（一）主要职能').style).toBe('Heading2');
    expect(byText('（二）项目支出情况').style).toBe('Heading2');
    expect(texts).not.toContain('2、 主要职能');
    const body = byText(EXPECTED_LINES[2]!);
    expect(attributes(body.xml, 'w:ind')['w:firstLineChars']).toBe('200');
    expect(attributes(body.xml, 'w:jc')['w:val']).toBe('both');
    expect(attributes(body.xml, 'w:spacing')).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
  });

  test('page numbers — N — in 4号宋体: odd pages on the right, even pages on the left, one character in', async () => {
    const parts = docxParts((await exported('docx')).body);
    expect(part(parts, 'word/settings.xml')).toMatch(/<w:evenAndOddHeaders(?: w:val="(?:true|1)")?\/>/);
    const document = part(parts, 'word/document.xml');
    const rels = part(parts, 'word/_rels/document.xml.rels');
    const footerOf = (type: 'default' | 'even') => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(document)?.[1]
        ?? new RegExp(`<w:footerReference r:id="([^"]+)" w:type="${type}"`).exec(document)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      return part(parts, `word/${target}`);
    };
    for (const [type, side] of [['default', 'right'], ['even', 'left']] as const) {
      const footer = footerOf(type);
      expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      const [p] = paragraphs(footer);
      expect(p!.text.replace(/\s/g, '')).toBe('——');
      expect(attributes(p!.xml, 'w:jc')['w:val']).toBe(side);
      expect(attributes(p!.xml, 'w:ind')[`w:${side}`]).toBe('280');
      expect(attributes(p!.xml, 'w:rFonts')).toMatchObject({ 'w:ascii': '宋体', 'w:eastAsia': '宋体' });
      expect(attributes(p!.xml, 'w:sz')['w:val']).toBe('28');
    }
  });

  test('budget and 自评表 nodes are real tables with computed totals, 执行率, scores and grade', async () => {
    const document = part(docxParts((await exported('docx')).body), 'word/document.xml');
    expect(document.match(/<w:tbl>/g)).toHaveLength(4);
    const rows = [...document.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) => paragraphs(row).map((p) => p.text));
    expect(rows).toContainEqual([...EXPECTED_TABLE_FIGURES.budgetTotalRow, '']);
    expect(paragraphs(document).map((p) => p.text)).toContain(EXPECTED_TABLE_FIGURES.selfEvaluationVerdict);
  });
});

describe('PDF', () => {
  const PAGE_NUMBER = /^— \d+ —$/;

  test('the text is selectable, complete and in order; A4 pages numbered — N —', async () => {
    const pages = await pdfPages((await exported('pdf')).body);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.length).toBeLessThanOrEqual(16);
    for (const page of pages) {
      expect(page.view[2]).toBeCloseTo(595.28, 1);
      expect(page.view[3]).toBeCloseTo(841.89, 1);
    }
    pages.forEach((page, i) => expect(page.items).toContain(`— ${i + 1} —`));
    const body = pages.map((page) => page.items.filter((item) => !PAGE_NUMBER.test(item)).join('')).join('');
    positionsInOrder(body, ['附件4', ...EVERY_LINE]);
    // The (bold) total row: each figure sits whole on one line of its cell, 100.00% included.
    const lines = pages.flatMap((page) => page.items).filter((item) => item.trim() !== '');
    const totalRow = lines.indexOf(EXPECTED_TABLE_FIGURES.budgetTotalRow[0]);
    expect(lines.slice(totalRow, totalRow + EXPECTED_TABLE_FIGURES.budgetTotalRow.length)).toEqual(EXPECTED_TABLE_FIGURES.budgetTotalRow);
    expect(squeeze(body)).toContain(squeeze(EXPECTED_TABLE_FIGURES.selfEvaluationVerdict));
  });

  test('every font is embedded (no glyph depends on the reader’s machine)', async () => {
    const raw = (await exported('pdf')).body.toString('latin1');
    const descriptors = raw.match(/\/Type \/FontDescriptor[\s\S]*?>>/g) ?? [];
    expect(descriptors.length).toBeGreaterThan(0);
    for (const descriptor of descriptors) expect(descriptor).toMatch(/\/FontFile[23]/);
    const fonts = raw.match(/\/Type \/Font\b[\s\S]*?>>/g) ?? [];
    for (const font of fonts) expect(font).not.toMatch(/\/Subtype \/Type1/);
  });
});

describe('HTML and Markdown', () => {
  test('HTML is one self-contained printable file with the whole text in order', async () => {
    const html = (await exported('html')).body.toString('utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link\b|<script\b|<img\b|@import|url\(/i);
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<title>[\s\S]*?<\/title>/, '').replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    positionsInOrder(text, ['附件4', ...EVERY_LINE]);
    expect(html).toContain('<h2>一、部门（单位）基本情况</h2>');
    expect(html).toContain('<h3>（二）项目支出情况</h3>');
    expect(html.match(/<table>/g)).toHaveLength(4);
  });

  test('Markdown has the numbered outline and GFM tables with computed figures', async () => {
    const md = (await exported('md')).body.toString('utf8');
    positionsInOrder(md.replace(/\\/g, ''), ['附件4', ...EVERY_LINE]);
    expect(md).toContain(`# ${report.title}\n`);
    expect(md).toContain('## 一、部门（单位）基本情况\n');
    expect(md).toContain('### （一）主要职能\n');
    expect(md).toContain('| 项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 说明 |\n| :--- | ---: | ---: | ---: | ---: | :--- |\n');
    expect(md).toContain(`| ${EXPECTED_TABLE_FIGURES.budgetTotalRow.map((cell) => `**${cell}**`).join(' | ')} |  |`);
    // The measures keep their list numbers without turning into a Markdown list.
    expect(md).toContain('1\\.加强预算编制前期论证');
  });
});

describe('draft marking', () => {
  test('a draft carries 草稿 and the open problems in every format; a clean export carries neither', async () => {
    const docx = async (draft: DraftStatus) => {
      const parts = docxParts((await exported('docx', draft)).body);
      const headers = [...parts].filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml).join('');
      return { headers, text: paragraphs(part(parts, 'word/document.xml')).map((p) => p.text).join('\n') };
    };
    const draftDocx = await docx(DRAFT);
    expect(draftDocx.headers).toContain('草稿');
    positionsInOrder(draftDocx.text, ['草稿：待解决的问题', `1. ${DRAFT.problems[0]}`, `2. ${DRAFT.problems[1]}`]);
    const cleanDocx = await docx(CLEAN_EXPORT);
    expect(cleanDocx.headers).not.toContain('草稿');
    expect(cleanDocx.text).not.toContain('草稿');

    for (const format of ['html', 'md', 'pdf'] as const) {
      const read = async (draft: DraftStatus) => {
        const body = (await exported(format, draft)).body;
        return format === 'pdf' ? (await pdfPages(body)).map((page) => page.items.join('')).join('\n') : body.toString('utf8');
      };
      const draftText = await read(DRAFT);
      expect(draftText, format).toContain('草稿');
      for (const problem of DRAFT.problems) expect(squeeze(draftText), format).toContain(squeeze(problem));
      const cleanText = await read(CLEAN_EXPORT);
      expect(cleanText, format).not.toContain('草稿');
      expect(cleanText, format).not.toContain(DRAFT.problems[0]);
    }
  });
});
