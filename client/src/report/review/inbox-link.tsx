import { useEffect, useState } from 'react';
import { api } from '../../api.js';
import { Link, useLocation } from '../../router.js';
import type { InboxView } from '../../../../shared/reviewApi.js';

const INBOX_CHANGED = 'gongxie:inbox-changed';

/** Tells every 需要我处理 link in the page to recount (comments or a section's status changed somewhere). */
export function announceInboxChanged(): void {
  window.dispatchEvent(new Event(INBOX_CHANGED));
}

/** How many sections and open threads wait for the signed-in user (or their department); null while unknown. */
export function useInboxCount(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    let request = 0;
    const load = () => {
      const mine = ++request;
      api<InboxView>('GET', '/api/inbox')
        .then(({ sections, threads }) => !cancelled && mine === request && setCount(sections.length + threads.length))
        .catch(() => undefined);
    };
    load();
    window.addEventListener(INBOX_CHANGED, load);
    return () => {
      cancelled = true;
      window.removeEventListener(INBOX_CHANGED, load);
    };
  }, []);
  return count;
}

/** 需要我处理 in the top bars, with the number of things waiting. */
export function InboxLink({ className = 'nav-link' }: { className?: string }) {
  const count = useInboxCount();
  const current = useLocation().pathname === '/inbox';
  return (
    <Link className={`${className} inbox-link${current ? ' is-current' : ''}`} href="/inbox"
      title={count ? `${count} 项需要我处理` : '需要我处理'}>
      需要我处理
      {count ? <span className="inbox-count" data-count={count}>{count}</span> : null}
    </Link>
  );
}
