import { chineseNumeral } from '../../shared/numbering.js';
import { parseChineseNumeral } from './chineseNumerals.js';
import { readsAsSentence, withoutTrailingStop } from './headingText.js';
import { quote, type NormalisationLog } from './NormalisationLog.js';
import { identifyNumberedHeading, identifyUnnumberedHeading, type SectionIdentity } from './sectionTitles.js';

/**
 * The outline of a report from its lines: the attachment label, the title (possibly wrapped),
 * and the top-level parts (一、…). Numbers are not trusted: a part is recognised by its wording
 * or, for parts outside the standard outline, by a plausible next number; the parts are then
 * numbered by order and every deviation is logged.
 */

export interface OutlinePart {
  /** The heading text after its number, as written. */
  heading: string;
  identity: SectionIdentity | undefined;
  body: string[];
}

export interface Outline {
  attachmentLabel: string | null;
  titleLines: string[];
  parts: OutlinePart[];
}

const NUMBERED_PART = /^第?([一二三四五六七八九十]{1,3})(部分)?\s*([、，,.．:：]|\s)\s*(\S.*)$/;
const ATTACHMENT = /^附\s*件\s*([0-9０-９一二三四五六七八九十]+)\s*[:：]?$/;
const MAX_TITLE_LINES = 3;
const MAX_PART_HEADING = 40;

interface PartHeading {
  line: number;
  numeral: number | undefined;
  separator: string;
  heading: string;
  identity: SectionIdentity | undefined;
}

function findPartHeadings(lines: readonly string[]): PartHeading[] {
  const found: PartHeading[] = [];
  const used = new Set<string>();
  const accept = (heading: PartHeading) => {
    found.push(heading);
    if (heading.identity) used.add(heading.identity.key);
  };
  lines.forEach((line, index) => {
    const numbered = NUMBERED_PART.exec(line);
    if (numbered) {
      const numeral = parseChineseNumeral(numbered[1]!);
      const heading = withoutTrailingStop(numbered[4]!);
      if (numeral === undefined || heading.length > MAX_PART_HEADING || readsAsSentence(heading)) return;
      const identity = identifyNumberedHeading(heading);
      const separator = numbered[2] ? '部分' : numbered[3]!;
      if (identity && !used.has(identity.key)) return accept({ line: index, numeral, separator, heading, identity });
      // Outside the standard outline: only a plausible next number makes it a part.
      const previous = found.at(-1)?.numeral ?? 0;
      if (found.length > 0 && numeral > previous && numeral <= previous + 2 && heading.length <= 30) {
        accept({ line: index, numeral, separator, heading, identity: undefined });
      }
      return;
    }
    const identity = identifyUnnumberedHeading(withoutTrailingStop(line));
    if (identity && !used.has(identity.key)) accept({ line: index, numeral: undefined, separator: '', heading: withoutTrailingStop(line), identity });
  });
  return found;
}

function logNumbering(headings: readonly PartHeading[], log: NormalisationLog): void {
  let previous = 0;
  headings.forEach((h, index) => {
    const expected = index + 1;
    if (h.numeral === undefined) {
      log.tally('part-unnumbered', h.heading, (n, example) => `${n} 个部分标题缺少「一、」式编号（如${quote(example)}），已按顺序编号`);
    } else if (h.numeral > previous + 1) {
      const missing = Array.from({ length: h.numeral - previous - 1 }, (_, k) => chineseNumeral(previous + 1 + k));
      const from = previous === 0 ? '开头' : `「${chineseNumeral(previous)}、」`;
      log.note(`第${missing.join('、')}部分编号缺失（原文从${from}直接跳到「${chineseNumeral(h.numeral)}、」），已按顺序重新编号，其后各部分编号依次调整`);
    } else if (h.numeral <= previous) {
      log.note(`编号「${chineseNumeral(h.numeral)}、」重复或倒序（${quote(h.heading)}），已按顺序重新编号`);
    }
    if (h.numeral !== undefined) previous = h.numeral;
    if (h.separator !== '' && h.separator !== '、') {
      log.tally('part-separator', `${chineseNumeral(h.numeral ?? expected)}${h.separator}`,
        (n, example) => `${n} 个部分标题的编号写法不规范（如「${example.trim() || example}」），已统一为「一、」式`);
    }
  });
}

function splitPreamble(lines: readonly string[], log: NormalisationLog): { attachmentLabel: string | null; titleLines: string[]; rest: string[] } {
  let at = 0;
  let attachmentLabel: string | null = null;
  const attachment = lines[0] === undefined ? null : ATTACHMENT.exec(lines[0]);
  const attachmentNumber = attachment ? attachmentNumberOf(attachment[1]!) : undefined;
  if (attachmentNumber !== undefined) {
    // GB/T 9704 writes the number in Arabic digits; the export puts the label back on the first line.
    attachmentLabel = `附件${attachmentNumber}`;
    log.note(`开头的「${lines[0]!.trim()}」已记为附件编号：导出时首行写「${attachmentLabel}」（可在导出菜单中更改）`);
    at = 1;
  }
  const titleLines: string[] = [];
  while (at < lines.length && titleLines.length < MAX_TITLE_LINES) {
    const line = lines[at]!;
    if (line.length > 50 || /[。；！？]$/.test(line)) break;
    titleLines.push(line);
    at += 1;
    if (/报告$/.test(line)) break;
  }
  if (titleLines.length > 1) log.note(`标题分 ${titleLines.length} 行书写，已合并为一行`);
  const rest = lines.slice(at);
  if (rest.length > 0) log.note(`标题与第一部分之间的 ${rest.length} 段文字已并入第一部分`);
  return { attachmentLabel, titleLines, rest };
}

function attachmentNumberOf(written: string): number | undefined {
  const digits = written.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const n = /^\d+$/.test(digits) ? Number(digits) : parseChineseNumeral(written);
  return n !== undefined && n >= 1 && n <= 99 ? n : undefined;
}

export function findOutline(lines: readonly string[], log: NormalisationLog): Outline {
  const headings = findPartHeadings(lines);
  const first = headings[0]?.line ?? lines.length;
  const preamble = splitPreamble(lines.slice(0, first), log);
  logNumbering(headings, log);
  const parts = headings.map((h, index): OutlinePart => ({
    heading: h.heading,
    identity: h.identity,
    body: lines.slice(h.line + 1, headings[index + 1]?.line ?? lines.length),
  }));
  if (parts[0]) parts[0].body.unshift(...preamble.rest);
  return { attachmentLabel: preamble.attachmentLabel, titleLines: preamble.titleLines, parts };
}
