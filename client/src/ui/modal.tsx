import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useEscapeKey } from './use-escape-key.js';

/**
 * A centred dialog over a dimmed page; Escape or the close button dismisses it. Rendered into
 * the body, so a sticky or filtered ancestor (the report bar) cannot trap it.
 */
export function Modal({ title, onClose, children, wide = false }: { title: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  useEscapeKey(onClose);
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(event) => { if (event.target === event.currentTarget) onClose(); }}>
      <div className={`modal${wide ? ' is-wide' : ''}`} role="dialog" aria-modal="true" aria-label={title}>
        <header className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="button-quiet" aria-label="关闭" onClick={onClose}>关闭</button>
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}
