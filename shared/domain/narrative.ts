import { findAmounts, type AmountInText } from './amountsInText.js';
import { parseDecimal, type Decimal } from './money.js';
import type { Grade } from './selfEvaluation.js';

/**
 * What the prose of a report states about its figures, read the way a reviewer reads it:
 * sentence by sentence, an amount belongs to the budget line named last before it
 * (「基本支出预算为769.78万元，实际支出为769.78万元」 states two figures of 基本支出).
 */

export interface Sentence {
  text: string;
  start: number;
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const match of text.matchAll(/[^。；;！!？?\n]+/g)) {
    if (match[0].trim() !== '') sentences.push({ text: match[0], start: match.index });
  }
  return sentences;
}

export type StatedMeasure = 'budget' | 'actual';

export interface StatedFigure {
  label: string;
  measure: StatedMeasure;
  amount: AmountInText;
  /** The sentence as written, for messages. */
  sentence: string;
  /** Offset of the amount in the whole text. */
  index: number;
}

const ACTUAL_WORDS = /实际|执行|决算|支付|完成/;
const BUDGET_WORDS = /预算|安排|下达|批复/;

interface LabelHit {
  label: string;
  start: number;
  end: number;
}

/** Occurrences of the labels, longest first where two overlap. */
function findLabels(sentence: string, labels: readonly string[]): LabelHit[] {
  const hits: LabelHit[] = [];
  const byLength = [...new Set(labels)].filter((l) => l !== '').sort((a, b) => b.length - a.length);
  for (const label of byLength) {
    for (let at = sentence.indexOf(label); at >= 0; at = sentence.indexOf(label, at + 1)) {
      const end = at + label.length;
      if (!hits.some((h) => at < h.end && end > h.start)) hits.push({ label, start: at, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * Figures the text states for the given labels. A figure counts only when the words between
 * its label (or the previous amount) and the number say which measure it is: 预算/安排 →
 * budget, 实际/执行/决算 → actual. Bare 「支出320万元」 is too ambiguous to check.
 */
export function findStatedFigures(text: string, labels: readonly string[]): StatedFigure[] {
  const figures: StatedFigure[] = [];
  for (const sentence of splitSentences(text)) {
    const hits = findLabels(sentence.text, labels);
    let previousEnd = 0;
    for (const amount of findAmounts(sentence.text)) {
      const label = hits.filter((h) => h.end <= amount.index).at(-1);
      const from = Math.max(previousEnd, label?.end ?? 0);
      const between = sentence.text.slice(from, amount.index);
      previousEnd = amount.index + amount.text.length;
      if (!label) continue;
      const measure = ACTUAL_WORDS.test(between) ? 'actual' : BUDGET_WORDS.test(between) ? 'budget' : undefined;
      if (!measure) continue;
      figures.push({ label: label.label, measure, amount, sentence: sentence.text.trim(), index: sentence.start + amount.index });
    }
  }
  return figures;
}

const NO_PROJECT_SPENDING = /无项目支出|没有项目支出|未安排项目支出|项目支出为(?:0|零|无)(?![0-9.])/;

/** The phrase by which the text says there was no 项目支出, if it says so. */
export function statesNoProjectSpending(text: string): string | undefined {
  return NO_PROJECT_SPENDING.exec(text)?.[0];
}

const EXPLANATION_WORDS = /原因|说明|由于|因为|导致|致使|造成/;

/**
 * Whether some sentence explains a budget line: it names the line and gives a reason
 * (原因/说明/由于/因为/导致/致使/造成).
 */
export function explainsLabel(texts: readonly string[], label: string): boolean {
  return texts.some((text) => splitSentences(text).some((s) => s.text.includes(label) && EXPLANATION_WORDS.test(s.text)));
}

const STATED_TOTAL = /(?:得分|总分|评分)\s*(?:为|是|：|:)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分/;
const STATED_GRADE = /(?:等级|评价结果|评定结果|结论)\s*(?:为|是|：|:)?\s*[“"「『]?\s*(优秀|良好|中等|不合格|合格|优|良|中|差)/;
const GRADE_WORDS: Record<string, Grade> = {
  优秀: '优', 优: '优', 良好: '良', 良: '良', 中等: '中', 合格: '中', 中: '中', 差: '差', 不合格: '差',
};

/** 「自评得分95分」「自评等级为优」 as stated in the prose, if stated. */
export function findStatedScore(text: string): { total?: { text: string; value: Decimal }; grade?: { text: string; grade: Grade } } {
  const result: { total?: { text: string; value: Decimal }; grade?: { text: string; grade: Grade } } = {};
  const total = STATED_TOTAL.exec(text);
  if (total) {
    const parsed = parseDecimal(total[1]!, { maxDecimals: 2 });
    if (parsed.ok) result.total = { text: total[0], value: parsed.value };
  }
  const grade = STATED_GRADE.exec(text);
  if (grade) result.grade = { text: grade[0], grade: GRADE_WORDS[grade[1]!]! };
  return result;
}
