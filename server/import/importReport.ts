import { findAmounts } from '../../shared/domain/amountsInText.js';
import { cleanLine } from './cleanLine.js';
import { decodeText } from './decodeText.js';
import { docxParagraphs } from './docxParagraphs.js';
import { ImportError } from './ImportError.js';
import { NormalisationLog, quote } from './NormalisationLog.js';
import { findOutline } from './outline.js';
import { buildSectionBody } from './sectionBody.js';
import { tidyHeading } from './headingText.js';
import { guessDepartment } from './sectionTitles.js';
import type { ImportedAmount, ImportedSection, ImportResult } from './types.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** At least this many standard parts (基本情况, 一般公共预算, …) make a text a report. */
const MIN_STANDARD_PARTS = 2;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .doc / .xls / .ppt
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF

function readLines(bytes: Uint8Array, filename: string, log: NormalisationLog): string[] {
  if (startsWith(bytes, PDF)) throw new ImportError('unsupported-format', '暂不支持导入 PDF，请上传 Word（.docx）或纯文本（.txt）文件');
  if (startsWith(bytes, OLE)) throw new ImportError('unsupported-format', '暂不支持旧版 Word（.doc），请在 Word 中另存为 .docx 后再导入');
  if (startsWith(bytes, ZIP)) return docxParagraphs(bytes);
  if (/\.docx$/i.test(filename)) throw new ImportError('bad-docx', '该文件扩展名是 .docx，但内容不是 Word 文档');
  const decoded = decodeText(bytes);
  decoded.notes.forEach((note) => log.note(note));
  return decoded.text.split(/\r\n|\r|\n|\f/);
}

function yearOf(title: string, filename: string): number | null {
  const match = /((?:19|20)\d{2})\s*年/.exec(title) ?? /(?<![0-9])((?:19|20)\d{2})(?![0-9])/.exec(filename);
  return match ? Number(match[1]) : null;
}

function cleanLines(raw: readonly string[], log: NormalisationLog): string[] {
  let straySpaces = 0;
  let example: string | undefined;
  const lines: string[] = [];
  for (const line of raw) {
    const cleaned = cleanLine(line);
    straySpaces += cleaned.straySpaces;
    example ??= cleaned.example;
    if (cleaned.text !== '') lines.push(cleaned.text);
  }
  if (straySpaces > 0) log.note(`已删除数字与文字之间的 ${straySpaces} 处多余空格（如${quote(example ?? '')}）`);
  return lines;
}

/**
 * Imports a 部门整体支出绩效自评报告 from the bytes of a .docx or plain-text file (UTF-8, UTF-8
 * with BOM, UTF-16 with BOM, GB18030/GBK). Recognises the outline despite the numbering and
 * punctuation quirks of real reports and says, in `normalisations`, what it changed. Every
 * non-whitespace character of the body lands in a section, except the typed numbers of
 * headings and list items (the editor numbers those itself). Throws ImportError with a Chinese
 * message for empty, oversized, non-text and non-report files.
 */
export function importReport(bytes: Uint8Array, filename: string, options: { maxBytes?: number } = {}): ImportResult {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (bytes.length === 0) throw new ImportError('empty', '文件是空的');
  if (bytes.length > maxBytes) {
    throw new ImportError('too-large', `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），最大 ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  }
  const log = new NormalisationLog();
  const lines = cleanLines(readLines(bytes, filename, log), log);
  if (lines.length === 0) throw new ImportError('empty', '文件中没有文字');

  const outline = findOutline(lines, log);
  if (outline.parts.filter((p) => p.identity?.standard).length < MIN_STANDARD_PARTS) {
    throw new ImportError('not-a-report',
      '没有识别出自评报告的结构：至少需要两个部分标题，如「一、部门（单位）基本情况」「二、一般公共预算支出情况」');
  }

  let title = outline.titleLines.join('');
  if (title === '') {
    title = filename.replace(/\.[^.]*$/, '');
    log.note(`没有找到报告标题，已用文件名「${title}」作为标题`);
  }

  const usedKeys = new Set<string>();
  const sections: ImportedSection[] = [];
  const amounts: ImportedAmount[] = [];
  outline.parts.forEach((part, index) => {
    const partNumber = index + 1;
    let key = part.identity?.key ?? `section-${partNumber}`;
    if (usedKeys.has(key)) {
      key = `${key}-${partNumber}`;
      log.note(`${quote(part.heading)}与前面的部分重复，已作为单独的部分导入`);
    }
    usedKeys.add(key);
    const body = buildSectionBody(part.body, partNumber, log);
    sections.push({
      key,
      title: tidyHeading(part.heading, log),
      department: part.identity?.department ?? guessDepartment(part.heading),
      content: body.content,
    });
    for (const text of body.texts) {
      for (const amount of findAmounts(text)) amounts.push({ sectionKey: key, text: amount.text, value: amount.canonical, unit: amount.unit });
    }
  });

  return {
    title,
    year: yearOf(title, filename),
    attachmentLabel: outline.attachmentLabel,
    sections,
    normalisations: log.list(),
    amounts,
  };
}
