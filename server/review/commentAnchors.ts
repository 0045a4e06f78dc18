import * as buffer from 'lib0/buffer';
import * as sha256 from 'lib0/hash/sha256';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/rooms.js';
import { invalid } from '../errors.js';

/**
 * Comment anchors, applied by the server straight into a section's Yjs document. The client
 * sends its selection as Yjs relative positions, which stay valid while others keep typing;
 * the server formats the text between them with the `comment` mark, exactly as y-tiptap
 * would store it, so every editor shows the highlight and it follows the text from then on.
 */

/** y-tiptap's attribute key for a mark that may overlap itself: `<name>--<hash of the mark JSON>`. */
export function commentAttributeKey(threadId: string): string {
  const digest = sha256.digest(buffer.encodeAny({ type: 'comment', attrs: { threadId } }));
  // The same 6-byte fold y-tiptap applies (its `_convolute`).
  const folded = digest.slice();
  for (let i = 6; i < folded.length; i++) folded[i % 6] = folded[i % 6]! ^ folded[i]!;
  return `comment--${buffer.toBase64(folded.slice(0, 6))}`;
}

interface TextRun {
  text: Y.XmlText;
  start: number;
}

/** Every text node of the document in reading order, with its offset in the concatenated text. */
function textRuns(fragment: Y.XmlFragment): TextRun[] {
  const runs: TextRun[] = [];
  let offset = 0;
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        runs.push({ text: child, start: offset });
        offset += child.length;
      } else if (child instanceof Y.XmlElement) {
        visit(child);
      }
    }
  };
  visit(fragment);
  return runs;
}

/** Whether `node` is `ancestor` or inside it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type.
type AnyType = Y.AbstractType<any>;

function within(node: AnyType, ancestor: AnyType): boolean {
  for (let current: AnyType | null = node; current; current = current._item?.parent as AnyType | null) {
    if (current === ancestor) return true;
  }
  return false;
}

/** A relative position as an offset into the concatenated text of the document. */
function textOffset(doc: Y.Doc, fragment: Y.XmlFragment, runs: TextRun[], encoded: string): number {
  let relative: Y.RelativePosition;
  try {
    relative = Y.decodeRelativePosition(buffer.fromBase64(encoded));
  } catch {
    throw invalid('选区位置格式错误');
  }
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (!absolute || !within(absolute.type, fragment)) throw invalid('所选文字已不存在，请重新选择');
  if (absolute.type instanceof Y.XmlText) {
    const run = runs.find((r) => r.text === absolute.type);
    if (!run) throw invalid('所选文字已不存在，请重新选择');
    return run.start + absolute.index;
  }
  // A position between blocks: the start of the first text after it (or the end of everything).
  const container = absolute.type as Y.XmlElement | Y.XmlFragment;
  const after = container.toArray().slice(absolute.index);
  const next = runs.find((run) => after.some((child) => within(run.text, child as AnyType)));
  if (next) return next.start;
  const before = runs.filter((run) => within(run.text, container));
  const last = before[before.length - 1] ?? runs[runs.length - 1];
  return last ? last.start + last.text.length : 0;
}

/**
 * Marks the text between two relative positions (in either order) as belonging to a thread.
 * Returns the text it covers, which becomes the thread's quote.
 */
export function applyCommentAnchor(doc: Y.Doc, anchor: string, head: string, threadId: string): { quote: string } {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const runs = textRuns(fragment);
  const a = textOffset(doc, fragment, runs, anchor);
  const b = textOffset(doc, fragment, runs, head);
  const [from, to] = a <= b ? [a, b] : [b, a];
  if (from === to) throw invalid('请先选中要评论的文字');
  const key = commentAttributeKey(threadId);
  const quoted: string[] = [];
  for (const run of runs) {
    const start = Math.max(from, run.start);
    const end = Math.min(to, run.start + run.text.length);
    if (start >= end) continue;
    run.text.format(start - run.start, end - start, { [key]: { threadId } });
    quoted.push(plainText(run.text).slice(start - run.start, end - run.start));
  }
  return { quote: quoted.join('\n') };
}

/** The ids of every thread whose anchor still has text in the document. */
export function anchoredThreadIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const { text } of textRuns(doc.getXmlFragment(DOCUMENT_FIELD))) {
    for (const op of text.toDelta() as { attributes?: Record<string, unknown> }[]) {
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        if (key === 'comment' || key.startsWith('comment--')) {
          const threadId = (value as { threadId?: unknown } | null)?.threadId;
          if (typeof threadId === 'string') ids.add(threadId);
        }
      }
    }
  }
  return ids;
}

/** A text node's characters, embeds counted as one placeholder so offsets line up. */
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
}
