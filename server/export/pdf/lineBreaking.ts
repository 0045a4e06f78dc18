/**
 * Line breaking for Chinese text on a fixed grid: any two ideographs may be split, but closing
 * punctuation never starts a line and opening punctuation never ends one (避头尾), and a run of
 * Latin letters or digits (769.78, 2024, GB/T) stays whole unless it is wider than a line.
 */

export interface StyledChar {
  char: string;
  /** Index into the caller's fonts (e.g. regular, bold). */
  font: number;
}

export interface LaidOutLine {
  chars: StyledChar[];
  /** Width the characters take without extra spacing. */
  naturalWidth: number;
  /** True for a paragraph's last line and a line ended by a line break: those are not justified. */
  last: boolean;
}

const CLOSING = new Set([...'，。、；：？！）》」』”’〕】〗…—·%‰,.;:?!)]}']);
const OPENING = new Set([...'（《「『“‘〔【〖([{']);
/** Rounding slack, in points, so that exactly 28 characters fit a 28-character line. */
const TOLERANCE = 0.01;
const LATIN = /[A-Za-z0-9.,%+\-_/@#&'’]/;

interface Token {
  chars: StyledChar[];
  latin: boolean;
  lineBreak: boolean;
}

function tokenize(chars: readonly (StyledChar | null)[]): Token[] {
  const tokens: Token[] = [];
  for (const styled of chars) {
    if (styled === null) {
      tokens.push({ chars: [], latin: false, lineBreak: true });
      continue;
    }
    const last = tokens.at(-1);
    const lastChar = last?.chars.at(-1)?.char;
    const latin = LATIN.test(styled.char) && !CLOSING.has(styled.char);
    const joins = last !== undefined && !last.lineBreak && (
      (CLOSING.has(styled.char) && last.chars.length > 0) ||
      (lastChar !== undefined && OPENING.has(lastChar)) ||
      (latin && last.latin && lastChar !== undefined && !CLOSING.has(lastChar))
    );
    if (joins) {
      last.chars.push(styled);
      last.latin = last.latin && latin;
    } else {
      tokens.push({ chars: [styled], latin, lineBreak: false });
    }
  }
  return tokens;
}

export interface LineBox {
  maxWidth: number;
  /** Shortens the first line only. */
  firstLineIndent: number;
  /** Added to every character's advance (the grid's character pitch minus the font size). */
  spacing: number;
}

/** Fills lines greedily; `measure` gives a character's natural advance in its font. `null` is a line break. */
export function breakLines(chars: readonly (StyledChar | null)[], box: LineBox, measure: (char: StyledChar) => number): LaidOutLine[] {
  const lines: LaidOutLine[] = [];
  let current: StyledChar[] = [];
  let width = 0;
  let natural = 0;
  const advance = (c: StyledChar) => measure(c) + box.spacing;
  const available = () => box.maxWidth - (lines.length === 0 ? box.firstLineIndent : 0);
  const add = (c: StyledChar) => {
    current.push(c);
    width += advance(c);
    natural += measure(c);
  };
  const finish = (last: boolean) => {
    lines.push({ chars: current, naturalWidth: natural, last });
    current = [];
    width = 0;
    natural = 0;
  };
  for (const token of tokenize(chars)) {
    if (token.lineBreak) {
      finish(true);
      continue;
    }
    const tokenWidth = token.chars.reduce((sum, c) => sum + advance(c), 0);
    if (width + tokenWidth <= available() + TOLERANCE) {
      token.chars.forEach(add);
      continue;
    }
    if (current.length > 0 && tokenWidth <= box.maxWidth) {
      finish(false);
      token.chars.forEach(add);
      continue;
    }
    // Wider than a whole line: split it wherever the line is full.
    for (const c of token.chars) {
      if (current.length > 0 && width + advance(c) > available() + TOLERANCE) finish(false);
      add(c);
    }
  }
  // A trailing line break has already finished the last line.
  if (current.length > 0 || lines.length === 0) finish(true);
  return lines;
}
