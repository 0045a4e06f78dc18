import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { mentionQuery } from './mentions.js';
import type { Mentionable } from './review-context.js';

interface Props {
  placeholder: string;
  submitLabel: string;
  mentionables: readonly Mentionable[];
  initial?: string;
  autoFocus?: boolean;
  /** Resolves to true when the text was accepted (the box then empties). */
  onSubmit(body: string): Promise<boolean>;
  onCancel?(): void;
  /** Keeps the buttons hidden until the box is used (reply boxes). */
  compact?: boolean;
}

/** A comment box: Ctrl+Enter sends, '@' suggests departments and people. */
export function CommentComposer({ placeholder, submitLabel, mentionables, initial = '', autoFocus = false, onSubmit, onCancel, compact = false }: Props) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [focused, setFocused] = useState(false);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [choice, setChoice] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) box.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  const suggestions = query
    ? mentionables.filter((m) => m.name.toLowerCase().includes(query.query.toLowerCase()) || m.detail.includes(query.query)).slice(0, 6)
    : [];

  const readQuery = (value: string, caret: number) => {
    setQuery(mentionQuery(value, caret));
    setChoice(0);
  };

  const pick = (name: string) => {
    if (!query || !box.current) return;
    const caret = box.current.selectionStart;
    const next = `${text.slice(0, query.start)}@${name} ${text.slice(caret)}`;
    const at = query.start + name.length + 2;
    setText(next);
    setQuery(null);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(at, at);
    });
  };

  const submit = async () => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    const accepted = await onSubmit(body);
    setBusy(false);
    if (accepted) {
      setText('');
      setQuery(null);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setChoice((c) => (c + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
        event.preventDefault();
        pick(suggestions[choice]!.name);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  const showButtons = !compact || focused || text.length > 0;
  return (
    <div className="composer" onMouseDown={(event) => event.stopPropagation()}>
      <textarea ref={box} className="composer-input" value={text} placeholder={placeholder} rows={compact && !showButtons ? 1 : 2}
        aria-label={placeholder} disabled={busy}
        onFocus={() => setFocused(true)} onBlur={() => { setFocused(false); setTimeout(() => setQuery(null), 150); }}
        onChange={(event) => { setText(event.target.value); readQuery(event.target.value, event.target.selectionStart); }}
        onSelect={(event) => readQuery(event.currentTarget.value, event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown} />
      {suggestions.length > 0 && (
        <ul className="mention-menu" role="listbox" aria-label="提及">
          {suggestions.map((m, i) => (
            <li key={m.name} role="option" aria-selected={i === choice} className={i === choice ? 'is-chosen' : ''}
              onMouseDown={(event) => { event.preventDefault(); pick(m.name); }}>
              <span className="mention-name">@{m.name}</span>
              <span className="mention-detail">{m.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {showButtons && (
        <div className="composer-actions">
          <span className="composer-hint" title="输入 @ 可提及部门或人员">Ctrl+Enter 发送</span>
          {onCancel && <button type="button" className="review-button" onClick={onCancel} disabled={busy}>取消</button>}
          <button type="button" className="review-button is-primary" onClick={() => void submit()} disabled={busy || !text.trim()}>
            {submitLabel}
          </button>
        </div>
      )}
    </div>
  );
}
