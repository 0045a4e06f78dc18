import { chineseNumeral } from '../../shared/numbering.js';
import type { HeadingLevel } from './model.js';

/** 「一、」 for the first section. */
export function sectionNumber(numeral: string): string {
  return `${numeral}、`;
}

/** The number of the n-th sub-heading at a level: （一）, 1., （1）. */
export function subheadingNumber(level: Exclude<HeadingLevel, 1>, n: number): string {
  switch (level) {
    case 2: return `（${chineseNumeral(n)}）`;
    case 3: return `${n}.`;
    case 4: return `（${n}）`;
  }
}

// Any enumerator an author may have typed in front of a heading, well-formed or not:
// 一、 （一） (一) 一) 1. 1、 1． （1） (1) 1). The app numbers headings itself, so it goes.
const TYPED_NUMBER = /^\s*(?:[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、)）]|[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*(?:[、)）]|[.．](?!\d)))\s*/;

export function withoutTypedNumber(text: string): string {
  return text.replace(TYPED_NUMBER, '');
}

/**
 * Numbers sub-headings by position inside one section: a heading restarts the count of every
 * deeper level, so 「（二）」 is followed by 「1.」 again.
 */
export class HeadingCounter {
  private readonly counts = [0, 0, 0, 0, 0];

  next(level: Exclude<HeadingLevel, 1>): string {
    this.counts[level] = (this.counts[level] ?? 0) + 1;
    for (let deeper = level + 1; deeper < this.counts.length; deeper++) this.counts[deeper] = 0;
    return subheadingNumber(level, this.counts[level]!);
  }
}
