/** Whitespace as found in converted documents: ASCII, ideographic (U+3000), no-break, zero-width. */
export const ANY_SPACE = /[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]/;
const EDGE_SPACE = /^[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+|[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+$/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_PUNCTUATION = '\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\u2018-\\u201d';
// A run of spaces between a digit and a Chinese character (「31 人」「2024 年」) is an artefact
// of PDF conversion, and so is one next to full-width punctuation (「2、 主要职能」). Spaces
// between two Chinese words are left alone: they are sometimes meant (「制造名城 幸福株洲」).
const STRAY_SPACE = new RegExp(`(?<=[0-9])[ \\u3000\\u00a0]+(?=[${CJK}])|(?<=[${CJK}])[ \\u3000\\u00a0]+(?=[0-9])`, 'g');
const SPACE_AT_PUNCTUATION = new RegExp(
  `[ \\u3000\\u00a0]+(?=[${CJK_PUNCTUATION}])|(?<=[${CJK_PUNCTUATION}])[ \\u3000\\u00a0]+`, 'g');

export interface CleanedLine {
  text: string;
  /** Spaces removed between digits and Chinese characters, with one example as written. */
  straySpaces: number;
  example: string | undefined;
}

/** Trims the line and removes the spaces that PDF conversion leaves in Chinese text. */
export function cleanLine(raw: string): CleanedLine {
  const trimmed = raw.replace(ZERO_WIDTH, '').replace(EDGE_SPACE, '').replace(SPACE_AT_PUNCTUATION, '');
  let straySpaces = 0;
  let example: string | undefined;
  const text = trimmed.replace(STRAY_SPACE, (spaces: string, offset: number) => {
    straySpaces += 1;
    // Quote whole numbers and a word on either side: 「教师 31 人」, not 「师 3」.
    const before = /.{0,2}[0-9.]*$/.exec(trimmed.slice(0, offset))![0];
    const after = /^[0-9.]*(?:[ \u3000\u00a0]*[^\s0-9.])?/.exec(trimmed.slice(offset + spaces.length))![0];
    example ??= before + spaces + after;
    return '';
  });
  return { text, straySpaces, example };
}
