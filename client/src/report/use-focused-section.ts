import { useEffect, useState } from 'react';
import type { SectionSession } from './section-session.js';

/** The section whose editor last had the caret (the toolbar acts on it). */
export function useFocusedSection(sessions: SectionSession[]): SectionSession | null {
  const [focused, setFocused] = useState<SectionSession | null>(null);

  useEffect(() => {
    const detach = sessions.map((session) => {
      const onFocus = () => setFocused(session);
      session.editor.on('focus', onFocus);
      return () => session.editor.off('focus', onFocus);
    });
    return () => detach.forEach((off) => off());
  }, [sessions]);

  return focused && sessions.includes(focused) ? focused : null;
}
