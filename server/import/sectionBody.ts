import type { JSONContent } from '@tiptap/core';
import { chineseNumeral } from '../../shared/numbering.js';
import { parseChineseNumeral } from './chineseNumerals.js';
import { readsAsSentence, tidyHeading, withoutTrailingStop } from './headingText.js';
import { quote, type NormalisationLog } from './NormalisationLog.js';

/**
 * The body of one part → ProseMirror blocks of the section schema. Numbered lines become
 * headings (levels 3/4/5 for （一）/1./（1）) or ordered lists; their typed numbers are dropped
 * because the editor numbers headings itself. The level comes from the marker style, corrected
 * so that no level is skipped, and 「（2）」 standing where 「（二）」 belongs is read as （二）.
 */

type MarkerStyle = 3 | 4 | 5;

interface Marked {
  style: MarkerStyle;
  number: number;
  rest: string;
  line: string;
  /** How the marker deviates from the standard form, logged only when the marker is used. */
  quirk: 'half-width-bracket' | 'missing-open-bracket' | 'dunhao' | undefined;
}

const LEVEL_NAMES: Record<MarkerStyle, string> = { 3: '「（一）」级', 4: '「1.」级', 5: '「（1）」级' };

const PAREN_CHINESE = /^([（(])\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(.*)$/;
const CHINESE_CLOSE_ONLY = /^()([一二三四五六七八九十]{1,3})\s*[)）]\s*(.+)$/;
// 「3、4月份」 and 「1.5万元」 start with numbers, not markers.
const ARABIC = /^(\d{1,2})\s*([.．]|、)(?![0-9])\s*(.*)$/;
const PAREN_ARABIC = /^([（(])\s*(\d{1,2})\s*[)）]\s*(.*)$/;
const ARABIC_CLOSE_ONLY = /^()(\d{1,2})\s*[)）]\s*(.+)$/;

const MARKERS: ReadonlyArray<[RegExp, MarkerStyle]> = [
  [PAREN_CHINESE, 3], [CHINESE_CLOSE_ONLY, 3], [ARABIC, 4], [PAREN_ARABIC, 5], [ARABIC_CLOSE_ONLY, 5],
];

function readMarker(line: string): Marked | undefined {
  for (const [pattern, style] of MARKERS) {
    const m = pattern.exec(line);
    if (!m) continue;
    if (style === 4) {
      return { style, number: Number(m[1]), rest: m[3]!, line, quirk: m[2] === '、' ? 'dunhao' : undefined };
    }
    const number = style === 3 ? parseChineseNumeral(m[2]!) : Number(m[2]);
    if (number === undefined) return undefined;
    const quirk = m[1] === '' ? 'missing-open-bracket' : m[1] === '(' ? 'half-width-bracket' : undefined;
    return { style, number, rest: m[3]!, line, quirk };
  }
  return undefined;
}

function logQuirk(mark: Marked, log: NormalisationLog): void {
  if (mark.quirk === 'missing-open-bracket') {
    const numeral = mark.style === 3 ? chineseNumeral(mark.number) : String(mark.number);
    log.note(`${quote(mark.line)}缺少左括号，已按「（${numeral}）」处理`);
  } else if (mark.quirk === 'half-width-bracket') {
    log.tally('half-width-bracket', mark.line, (n, e) => `${n} 处编号使用半角括号（如${quote(e)}），已按全角处理`);
  } else if (mark.quirk === 'dunhao') {
    log.tally('arabic-dunhao', mark.line, (n, e) => `${n} 处「1、」式编号（如${quote(e)}）已统一为「1.」式`);
  }
}

function text(value: string): JSONContent[] {
  return value === '' ? [] : [{ type: 'text', text: value }];
}

function paragraph(value: string): JSONContent {
  return value === '' ? { type: 'paragraph' } : { type: 'paragraph', content: text(value) };
}

/** Short, no sentence punctuation: the shape of a heading. */
function headingShaped(rest: string): boolean {
  const title = withoutTrailingStop(rest);
  return title.length >= 1 && title.length <= 30 && !readsAsSentence(title);
}

export interface SectionBody {
  content: JSONContent;
  /** The text of every block, for finding amounts. */
  texts: string[];
}

export function buildSectionBody(lines: readonly string[], partNumber: number, log: NormalisationLog): SectionBody {
  const marked = lines.map(readMarker);
  const blocks: JSONContent[] = [];
  const texts: string[] = [];
  const stack: Array<{ style: MarkerStyle; level: 3 | 4 | 5 }> = [];
  let level3Count = 0;
  let list: { style: MarkerStyle; next: number; node: JSONContent } | undefined;

  lines.forEach((line, index) => {
    const mark = marked[index];
    if (!mark || mark.rest === '') {
      list = undefined;
      blocks.push(paragraph(line));
      texts.push(line);
      return;
    }
    // A 1. or （1） line is a heading only when a paragraph follows it; otherwise it is a list item.
    const nextIsPlain = index + 1 < lines.length && marked[index + 1] === undefined;
    const isHeading = headingShaped(mark.rest) && (mark.style === 3 || nextIsPlain);
    if (!isHeading) {
      if (mark.style === 3) {
        list = undefined;
        blocks.push(paragraph(line));
        texts.push(line);
        return;
      }
      if (!list || list.style !== mark.style) {
        list = { style: mark.style, next: mark.number, node: { type: 'orderedList', attrs: { start: mark.number }, content: [] } };
        blocks.push(list.node);
      } else if (mark.number !== list.next) {
        log.tally('list-numbering', mark.line, (n, e) => `${n} 处列表编号不连续（如${quote(e)}），已按顺序重新编号`);
      }
      logQuirk(mark, log);
      list.next += 1;
      list.node.content!.push({ type: 'listItem', content: [paragraph(mark.rest)] });
      texts.push(mark.rest);
      return;
    }
    list = undefined;
    let style = mark.style;
    const top = stack.at(-1);
    const mistypedChinese = style === 5 && top?.style === 3 && level3Count >= 1 && mark.number === level3Count + 1;
    if (mistypedChinese) style = 3;
    while (stack.length > 0 && stack.at(-1)!.style >= style) stack.pop();
    const level = ((stack.at(-1)?.level ?? 2) + 1) as 3 | 4 | 5;
    stack.push({ style, level });
    if (level === 3) level3Count += 1;
    // A 「2、」 heading read as another level is reported as that, not as a 1、 → 1. change.
    if (mark.quirk !== 'dunhao' || level === 4) logQuirk(mark, log);
    if (mistypedChinese) {
      log.note(`${quote(mark.line)}应为「（${chineseNumeral(mark.number)}）」，已按${LEVEL_NAMES[3]}小标题处理`);
    } else if (level !== mark.style) {
      log.note(`${quote(mark.line)}缺少上一级小标题（位于第${chineseNumeral(partNumber)}部分），已按${LEVEL_NAMES[level]}小标题处理`);
    }
    const title = tidyHeading(mark.rest, log);
    blocks.push({ type: 'heading', attrs: { level }, content: text(title) });
    texts.push(title);
  });

  return { content: { type: 'doc', content: blocks.length > 0 ? blocks : [paragraph('')] }, texts };
}
