import { useCallback, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useEscapeKey } from '../../ui/use-escape-key.js';

/*
 * Both render into the body: opened from the report bar, whose backdrop-filter makes it the
 * containing block of any fixed-position descendant, they were squeezed into its 56 px.
 */

/** A small centred dialog for the review actions; Escape or a click outside closes it. */
export function ReviewDialog({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  useEscapeKey(onClose);
  return createPortal(
    <div className="review-backdrop" onMouseDown={(event) => { if (event.target === event.currentTarget) onClose(); }}>
      <div className="review-dialog" role="dialog" aria-modal="true" aria-label={title}>
        <h2 className="review-dialog-title">{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

/** A panel sliding in from the right edge (history, progress). */
export function ReviewDrawer({ title, subtitle, onClose, children, wide = false }:
  { title: string; subtitle?: ReactNode; onClose(): void; children: ReactNode; wide?: boolean }) {
  // Escape closes a dialog opened from the drawer first, not the drawer under it.
  useEscapeKey(useCallback(() => { if (!document.querySelector('.review-backdrop')) onClose(); }, [onClose]));
  return createPortal(
    <aside className={`review-drawer${wide ? ' is-wide' : ''}`} role="dialog" aria-label={title}>
      <header className="review-drawer-head">
        <div>
          <h2>{title}</h2>
          {subtitle && <div className="review-drawer-sub">{subtitle}</div>}
        </div>
        <button type="button" className="button-quiet" onClick={onClose}>关闭</button>
      </header>
      <div className="review-drawer-body">{children}</div>
    </aside>,
    document.body,
  );
}
