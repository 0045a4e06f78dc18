/** Text compared without any whitespace: layout may split or join lines, never reorder words. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');

/**
 * The index in `haystack` where each expected line starts, each after the one before; throws
 * naming the first line that is missing or out of order.
 */
export function positionsInOrder(haystack: string, expected: readonly string[]): number[] {
  const text = squeeze(haystack);
  const positions: number[] = [];
  let from = 0;
  for (const line of expected) {
    const at = text.indexOf(squeeze(line), from);
    if (at < 0) throw new Error(`missing or out of order: 「${line.slice(0, 40)}」 after position ${from}`);
    positions.push(at);
    from = at + squeeze(line).length;
  }
  return positions;
}
