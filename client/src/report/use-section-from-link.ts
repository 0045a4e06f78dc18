import { useEffect, useRef } from 'react';
import { sectionAnchor } from './section-anchor.js';

/**
 * A link with `?section=<key>` (from 需要我处理) opens the report at that section. It scrolls
 * once every section's text has arrived, so text filling in above cannot push it away again.
 */
export function useSectionFromLink(synced: boolean): void {
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || !synced) return;
    revealed.current = true;
    const key = new URLSearchParams(window.location.search).get('section');
    if (key) document.getElementById(sectionAnchor(key))?.scrollIntoView({ block: 'start' });
  }, [synced]);
}
