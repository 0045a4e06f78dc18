import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The CJK fonts embedded in every PDF, installed by `npm ci` (@expo-google-fonts/noto-serif-sc,
 * SIL OFL). Noto Serif SC stands in for the 公文 fonts a server does not have: regular for 仿宋,
 * 楷体 and 宋体, bold for 方正小标宋 and 黑体. Only the glyphs a report uses are embedded.
 */
export const PDF_FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
} as const;

export type PdfFont = keyof typeof PDF_FONT_FILES;
