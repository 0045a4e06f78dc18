import { quote, type NormalisationLog } from './NormalisationLog.js';

const TRAILING_STOP = /[。.．：:；;，,]+$/;
const HALF_WIDTH: Record<string, string> = { '(': '（', ')': '）', ':': '：', ';': '；', ',': '，' };
// Half-width punctuation in a Chinese heading, except a comma inside a number (1,000).
const HALF_WIDTH_PUNCTUATION = /[():;]|(?<![0-9]),|,(?![0-9])/g;

/**
 * A heading as it will be shown: without the full stop or colon some authors end it with, and
 * with full-width punctuation (「部门(单位)基本情况」 → 「部门（单位）基本情况」).
 */
export function tidyHeading(text: string, log: NormalisationLog): string {
  let title = text;
  if (TRAILING_STOP.test(title)) {
    title = title.replace(TRAILING_STOP, '');
    log.tally('heading-stop', text, (n, example) => `${n} 个标题末尾的标点（如${quote(example)}）已删除`);
  }
  const fullWidth = title.replace(HALF_WIDTH_PUNCTUATION, (c) => HALF_WIDTH[c] ?? c);
  if (fullWidth !== title) {
    log.tally('heading-half-width', title, (n, example) => `${n} 个标题中的半角标点（如${quote(example)}）已改为全角`);
  }
  return fullWidth;
}

export function withoutTrailingStop(text: string): string {
  return text.replace(TRAILING_STOP, '');
}

/** Punctuation that means a line is a sentence, not a heading. */
export function readsAsSentence(title: string): boolean {
  return /[，,；;。！!？?：:]/.test(title);
}
