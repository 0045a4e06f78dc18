import type { ReactNode } from 'react';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { InboxLink } from '../report/review/inbox-link.js';
import { Link, useLocation } from '../router.js';
import { canManageMembers, useSession } from '../session.js';

/** The frame of the list pages: brand, organisation, navigation and the signed-in user. */
export function AppShell({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const path = useLocation().pathname;
  const navClass = (prefix: string) => (path.startsWith(prefix) ? 'nav-link is-current' : 'nav-link');

  return (
    <div className="shell">
      <header className="shell-bar">
        <div className="brand">
          <span className="brand-mark">共写</span>
          <span className="brand-org">{user.org.name}</span>
        </div>
        <nav className="shell-nav">
          <Link className={navClass('/reports')} href="/reports">报告</Link>
          <InboxLink />
          {canManageMembers(user) && <Link className={navClass('/members')} href="/members">成员管理</Link>}
        </nav>
        <UserBadge />
      </header>
      <main className="shell-main">{children}</main>
    </div>
  );
}

/** Who is signed in: name, and department or role unless the name already says it (校长). */
export function UserBadge() {
  const { user, signOut } = useSession();
  const detail = user.department ?? ROLE_LABELS[user.role];
  return (
    <div className="user-badge">
      <span className="user-badge-name">{user.displayName}</span>
      {detail !== user.displayName && <span className="user-badge-detail">{detail}</span>}
      <button type="button" className="button-quiet" onClick={signOut}>退出</button>
    </div>
  );
}
