import type { BlockDiff, Segment } from '../../shared/reviewApi.js';

/**
 * What changed between two versions of a section: blocks are matched by a longest common
 * subsequence, and a block that changed is diffed character by character.
 */

/** Character diffs beyond this size are shown as a removed and an added block instead. */
const MAX_CHAR_CELLS = 4_000_000;

function lcsTable<T>(a: readonly T[], b: readonly T[]): Uint32Array[] {
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  return table;
}

/** Walks the LCS table: 'equal' pairs, and runs of deletions/insertions between them. */
function align<T>(a: readonly T[], b: readonly T[]): ({ op: 'equal'; a: T } | { op: 'delete'; a: T } | { op: 'insert'; b: T })[] {
  const table = lcsTable(a, b);
  const steps: ({ op: 'equal'; a: T } | { op: 'delete'; a: T } | { op: 'insert'; b: T })[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { steps.push({ op: 'equal', a: a[i]! }); i++; j++; }
    // On a tie, delete first: a rewritten block then reads as a deletion followed by its replacement.
    else if (i < a.length && (j === b.length || table[i + 1]![j]! >= table[i]![j + 1]!)) { steps.push({ op: 'delete', a: a[i]! }); i++; }
    else { steps.push({ op: 'insert', b: b[j]! }); j++; }
  }
  return steps;
}

export function diffText(before: string, after: string): Segment[] {
  const a = [...before];
  const b = [...after];
  const segments: Segment[] = [];
  for (const step of align(a, b)) {
    const text = step.op === 'insert' ? step.b : step.a;
    const last = segments[segments.length - 1];
    if (last?.op === step.op) last.text += text;
    else segments.push({ op: step.op, text });
  }
  return segments;
}

export function diffBlocks(before: readonly string[], after: readonly string[]): BlockDiff[] {
  const result: BlockDiff[] = [];
  const steps = align(before, after);
  for (let k = 0; k < steps.length;) {
    const step = steps[k]!;
    if (step.op === 'equal') {
      result.push({ kind: 'same', text: step.a });
      k++;
      continue;
    }
    // A run of deletions followed by a run of insertions: the blocks were rewritten in place (the
    // rows of a table whose figures moved, say), so they pair up in order and show what changed.
    const removed: string[] = [];
    const added: string[] = [];
    for (let run = steps[k]; run?.op === 'delete'; run = steps[++k]) removed.push(run.a);
    for (let run = steps[k]; run?.op === 'insert'; run = steps[++k]) added.push(run.b);
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const [was, is] = [removed[i], added[i]];
      if (was !== undefined && is !== undefined && was.length * is.length <= MAX_CHAR_CELLS) result.push({ kind: 'changed', segments: diffText(was, is) });
      else {
        if (was !== undefined) result.push({ kind: 'removed', text: was });
        if (is !== undefined) result.push({ kind: 'added', text: is });
      }
    }
  }
  return result;
}
