/**
 * The page of a 公文 per GB/T 9704-2012 (DOMAIN.md §4), in the units each renderer needs.
 * Every renderer reads its measurements from here so that Word, PDF and HTML agree.
 */

const MM_PER_INCH = 25.4;
const POINTS_PER_INCH = 72;
const TWIPS_PER_POINT = 20;

export const mmToPoints = (mm: number) => (mm / MM_PER_INCH) * POINTS_PER_INCH;
export const mmToTwips = (mm: number) => Math.round(mmToPoints(mm) * TWIPS_PER_POINT);
export const pointsToTwips = (points: number) => Math.round(points * TWIPS_PER_POINT);

export const PAGE_MM = { width: 210, height: 297 } as const;
export const MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** Text block 156 × 225 mm, measured in Word's whole twips so the grid divides what Word lays out. */
export const TEXT_WIDTH_TWIPS = mmToTwips(PAGE_MM.width) - mmToTwips(MARGIN_MM.left) - mmToTwips(MARGIN_MM.right);
export const TEXT_HEIGHT_TWIPS = mmToTwips(PAGE_MM.height) - mmToTwips(MARGIN_MM.top) - mmToTwips(MARGIN_MM.bottom);

/** 22 lines in the text block: 579 twips = 28.95 pt, the pitch Word templates for 公文 use. */
export const LINE_PITCH_TWIPS = Math.floor(TEXT_HEIGHT_TWIPS / LINES_PER_PAGE);
export const LINE_PITCH_POINTS = LINE_PITCH_TWIPS / TWIPS_PER_POINT;

/** Font sizes in points: 2号 22, 3号 16, 4号 14; tables in 小四 (12) so eight columns fit. */
export const SIZE_POINTS = { title: 22, body: 16, pageNumber: 14, table: 12, draftMark: 14 } as const;

export const TEXT_WIDTH_POINTS = TEXT_WIDTH_TWIPS / TWIPS_PER_POINT;

/** 28 characters across the text block: the character pitch is a little under 3号 (≈15.8 pt). */
export const CHAR_PITCH_POINTS = TEXT_WIDTH_POINTS / CHARS_PER_LINE;

/**
 * Word's docGrid charSpace: the difference between the grid's character pitch and the default
 * font size, in 1/4096 pt (ECMA-376 §17.6.5).
 */
export const GRID_CHAR_SPACE = Math.round((CHAR_PITCH_POINTS - SIZE_POINTS.body) * 4096);

/** The first line of a body paragraph or heading is indented by two characters. */
export const FIRST_LINE_INDENT_CHARS = 2;

/** The page number's top sits 7 mm below the text block (GB/T 9704 §7.5). */
export const PAGE_NUMBER_GAP_MM = 7;

/** The font names a Chinese government office has installed, as Word and CSS must name them. */
export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
} as const;
export type FontRole = keyof typeof FONTS;

/** The page number as printed: 「— 7 —」 (an em dash on either side, half-width digits). */
export const pageNumberText = (page: number | string) => `— ${page} —`;
