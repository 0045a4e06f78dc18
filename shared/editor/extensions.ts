import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { budgetExtensions } from './budgetNodes.js';
import { CommentMark } from './comment.js';

/**
 * The one definition of a section document's schema. The browser editor adds collaboration
 * extensions on top of this list; the server calls `getSchema(documentExtensions())` from
 * @tiptap/core with the same list to seed, export and edit sections. No DOM access here.
 */

/**
 * Heading levels used inside a section. The section's own heading (一、…) is not part of the
 * document: it comes from the section order. Inside the text the levels read
 * （一） → 1. → （1）, numbered by the renderer, never typed.
 */
export const SUBHEADING_LEVELS = [3, 4, 5] as const;
export type SubheadingLevel = (typeof SUBHEADING_LEVELS)[number];

export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Undo and redo come from the collaboration binding (per-user, per-section history).
      undoRedo: false,
      heading: { levels: [...SUBHEADING_LEVELS] },
      // A report has no code, links or rules; keeping them out keeps exports faithful.
      code: false,
      codeBlock: false,
      link: false,
      horizontalRule: false,
    }),
    CommentMark,
    ...budgetExtensions(),
  ];
}
