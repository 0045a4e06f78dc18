/**
 * Collects what the importer changed, in Chinese. One-off structural changes are listed one by
 * one; repeated cosmetic ones are tallied into a single line with an example.
 */
export class NormalisationLog {
  private readonly entries: Array<string | { count: number; example: string; describe: (count: number, example: string) => string }> = [];
  private readonly tallies = new Map<string, { count: number; example: string; describe: (count: number, example: string) => string }>();

  note(message: string): void {
    this.entries.push(message);
  }

  tally(kind: string, example: string, describe: (count: number, example: string) => string): void {
    const known = this.tallies.get(kind);
    if (known) {
      known.count += 1;
      return;
    }
    const entry = { count: 1, example, describe };
    this.tallies.set(kind, entry);
    this.entries.push(entry);
  }

  list(): string[] {
    return this.entries.map((e) => (typeof e === 'string' ? e : e.describe(e.count, e.example)));
  }
}

/** A line quoted in a message: 「…」 with at most `max` characters. */
export function quote(text: string, max = 20): string {
  return `「${text.length > max ? `${text.slice(0, max)}…` : text}」`;
}
