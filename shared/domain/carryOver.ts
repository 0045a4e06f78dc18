import { findAmounts } from './amountsInText.js';
import { problem, type Problem } from './checks/problem.js';

/**
 * A section carried over from last year's report keeps its prose, so the figures in it are last
 * year's until someone updates them. The server records which figures it carried (in the
 * section's Yjs document, map `carryOver`) and the checks flag each one still in the text,
 * until the author updates it or confirms the section as checked.
 */

export const CARRY_OVER_MAP = 'carryOver';

export interface CarryOver {
  fromYear: number;
  /** Amounts and the year as written in the carried prose, e.g. 「769.78万元」「2024年」. */
  figures: string[];
}

/** The figures of last year's prose that need a look: its amounts and its year. */
export function carriedFigures(text: string, fromYear: number): string[] {
  const figures = findAmounts(text).map((amount) => amount.text);
  if (text.includes(`${fromYear}年`)) figures.push(`${fromYear}年`);
  return [...new Set(figures)];
}

/** One warning per carried figure that the section's prose still contains. */
export function checkCarriedFigures(section: { key: string; title: string; text: string }, carryOver: CarryOver): Problem[] {
  return carryOver.figures.filter((figure) => section.text.includes(figure)).map((figure) =>
    problem('figure-carried-over', 'warning',
      `「${section.title}」沿用${carryOver.fromYear}年度报告，正文中的「${figure}」尚未更新，请核对`,
      { sectionKey: section.key }, figure));
}
