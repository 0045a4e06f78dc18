import { useEffect, useState } from 'react';
import type { SectionSession } from './section-session.js';

/**
 * The section whose text the user last clicked or moved into; the toolbar acts on it, and is
 * disabled when it is read-only. Read-only sections count too: their editors never take focus,
 * so following the editors' focus events alone left the toolbar acting on a writable section
 * the user had already left, out of sight.
 */
export function useFocusedSection(sessions: SectionSession[]): SectionSession | null {
  const [focused, setFocused] = useState<SectionSession | null>(null);

  useEffect(() => {
    const onEnter = (event: Event) => {
      const key = event.target instanceof Element ? sectionKeyOfText(event.target) : null;
      const entered = key === null ? undefined : sessions.find((session) => session.section.key === key);
      if (entered) setFocused(entered);
    };
    // Capturing, so a handler inside the page that stops the event cannot hide it from here.
    document.addEventListener('pointerdown', onEnter, true);
    document.addEventListener('focusin', onEnter, true);
    return () => {
      document.removeEventListener('pointerdown', onEnter, true);
      document.removeEventListener('focusin', onEnter, true);
    };
  }, [sessions]);

  return focused && sessions.includes(focused) ? focused : null;
}

/** The key of the section whose text holds `element` (see SectionBlock), or null outside any. */
function sectionKeyOfText(element: Element): string | null {
  return element.closest('.section-body')?.closest('[data-section]')?.getAttribute('data-section') ?? null;
}
