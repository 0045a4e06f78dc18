import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { ReactNode } from 'react';
import { SUBHEADING_LEVELS, type SubheadingLevel } from '../../../shared/editor/extensions.js';
import { InsertTableTools } from './budget/insert-table-tools.js';

const HEADING_LABELS: Record<SubheadingLevel, string> = { 3: '（一）标题', 4: '1. 标题', 5: '（1）标题' };
const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** Formatting for the section the caret is in; disabled where the user may not write. */
export function ReportToolbar({ editor, sectionLabel }: { editor: Editor | null; sectionLabel: string | null }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      if (!current || current.isDestroyed || !current.isEditable) return null;
      return {
        paragraph: current.isActive('paragraph'),
        heading: Object.fromEntries(SUBHEADING_LEVELS.map((level) => [level, current.isActive('heading', { level })])),
        bold: current.isActive('bold'),
        italic: current.isActive('italic'),
        bulletList: current.isActive('bulletList'),
        orderedList: current.isActive('orderedList'),
        canUndo: current.can().undo(),
        canRedo: current.can().redo(),
      };
    },
  });
  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => {
    if (editor && state) command(editor.chain().focus()).run();
  };
  const off = !state;

  return (
    <div className="toolbar" role="toolbar" aria-label="格式">
      <ToolGroup>
        <ToolButton label="正文" active={state?.paragraph} disabled={off} onClick={() => run((c) => c.setParagraph())} />
        {SUBHEADING_LEVELS.map((level) => (
          <ToolButton key={level} label={HEADING_LABELS[level]} shortcut={`${MOD}+Alt+${level}`}
            active={state?.heading[level]} disabled={off} onClick={() => run((c) => c.toggleHeading({ level }))} />
        ))}
      </ToolGroup>
      <ToolGroup>
        <ToolButton label={<strong>加粗</strong>} title="加粗" shortcut={`${MOD}+B`} active={state?.bold} disabled={off}
          onClick={() => run((c) => c.toggleBold())} />
        <ToolButton label={<em>倾斜</em>} title="倾斜" shortcut={`${MOD}+I`} active={state?.italic} disabled={off}
          onClick={() => run((c) => c.toggleItalic())} />
      </ToolGroup>
      <ToolGroup>
        <ToolButton label="• 列表" title="项目符号列表" shortcut={`${MOD}+Shift+8`} active={state?.bulletList} disabled={off}
          onClick={() => run((c) => c.toggleBulletList())} />
        <ToolButton label="1. 列表" title="编号列表" shortcut={`${MOD}+Shift+7`} active={state?.orderedList} disabled={off}
          onClick={() => run((c) => c.toggleOrderedList())} />
      </ToolGroup>
      <InsertTableTools editor={editor} disabled={off} />
      <ToolGroup>
        <ToolButton label="撤销" shortcut={`${MOD}+Z`} disabled={!state?.canUndo} onClick={() => run((c) => c.undo())} />
        <ToolButton label="重做" shortcut={`${MOD}+Shift+Z`} disabled={!state?.canRedo} onClick={() => run((c) => c.redo())} />
      </ToolGroup>
      <span className="toolbar-context">
        {sectionLabel ? (state ? `正在编辑：${sectionLabel}` : `${sectionLabel}（只读）`) : '点击可编辑的部分开始撰写'}
      </span>
    </div>
  );
}

function ToolGroup({ children }: { children: ReactNode }) {
  return <div className="toolbar-group">{children}</div>;
}

interface ToolButtonProps {
  label: ReactNode;
  title?: string;
  shortcut?: string;
  active?: boolean;
  disabled: boolean;
  onClick(): void;
}

function ToolButton({ label, title, shortcut, active = false, disabled, onClick }: ToolButtonProps) {
  const name = title ?? (typeof label === 'string' ? label : '');
  return (
    <button type="button" className={`tool${active ? ' is-active' : ''}`} aria-pressed={active} disabled={disabled}
      title={shortcut ? `${name}（${shortcut}）` : name} aria-label={name}
      // Keep the caret in the text while clicking a tool.
      onMouseDown={(event) => event.preventDefault()} onClick={onClick}>
      {label}
    </button>
  );
}
