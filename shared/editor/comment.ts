import { Mark, mergeAttributes } from '@tiptap/core';

/**
 * The anchor of a comment thread: a mark carrying only the thread id. It does not exclude
 * itself, so comments may overlap (y-tiptap then stores each under its own attribute key), and
 * it is not inclusive, so text typed at its edges is not pulled into the comment. The server
 * applies it (see server/review/commentAnchors.ts); the thread itself is a row.
 */
export const CommentMark = Mark.create({
  name: 'comment',
  inclusive: false,
  excludes: '',
  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-thread-id'),
        renderHTML: (attributes) => ({ 'data-thread-id': attributes.threadId as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-thread-id]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'comment-anchor' }), 0];
  },
});
