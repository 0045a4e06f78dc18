import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';

/**
 * Whether a table in this editor is read-only now. Editability changes live (submitted for
 * review, 定稿, reassigned) without the node changing, so it is read from the editor's state.
 */
export function useReadOnly(editor: Editor): boolean {
  return useEditorState({ editor, selector: ({ editor: current }) => !current.isEditable });
}
