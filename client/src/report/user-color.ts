/** Caret and avatar colours: calm, distinguishable, readable with white text. `#rrggbb` only. */
const PALETTE = ['#2f6f9f', '#b0563a', '#3d8a5f', '#8a5aa8', '#b4862c', '#c04f72', '#2e8b8b', '#5f6f2e'];

export function userColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
