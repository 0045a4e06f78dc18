import { useEffect } from 'react';
import { sectionAnchor } from '../section-anchor.js';
import type { ThreadView } from '../../../../shared/reviewApi.js';

/**
 * The highlight of each thread's text follows the thread: resolved threads fade, the active
 * one stands out. The `comment` mark renders span.comment-anchor[data-thread-id], so one
 * small stylesheet keyed by thread id does it, whichever editor (or nesting of overlapping
 * comments) the spans are in.
 */
export function useThreadStyles(threads: ThreadView[] | null, active: string | null): void {
  useEffect(() => {
    const style = document.createElement('style');
    style.dataset.review = 'threads';
    document.head.appendChild(style);
    return () => style.remove();
  }, []);

  useEffect(() => {
    const style = document.head.querySelector<HTMLStyleElement>('style[data-review="threads"]');
    if (!style) return;
    const rules: string[] = [];
    for (const thread of threads ?? []) {
      if (thread.resolved && thread.id !== active) rules.push(`${selector(thread.id)} { background: transparent; border-bottom-color: transparent; }`);
    }
    if (active) rules.push(`${selector(active)} { background: var(--comment-active-bg); border-bottom-color: var(--comment-active-line); }`);
    style.textContent = rules.join('\n');
  }, [threads, active]);
}

function selector(threadId: string): string {
  return `.comment-anchor[data-thread-id="${CSS.escape(threadId)}"]`;
}

/** The first highlighted span of a thread in the page, if its text is shown. */
export function anchorElement(threadId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(selector(threadId));
}

/** Scrolls a thread's text (or its section, for notes and deleted text) into view. */
export function revealThread(thread: ThreadView, attempts = 25): void {
  const anchor = thread.quote ? anchorElement(thread.id) : null;
  if (anchor) {
    anchor.scrollIntoView({ behavior: 'smooth', block: 'center' });
    return;
  }
  // The section's text may still be arriving: try again for a few seconds before settling for the section.
  if (thread.quote && !thread.detached && attempts > 0) {
    setTimeout(() => revealThread(thread, attempts - 1), 200);
    return;
  }
  document.getElementById(sectionAnchor(thread.sectionKey))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
