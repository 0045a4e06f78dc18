import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionUser } from '../../shared/api.js';
import { api, ApiFailure } from './api.js';
import { InboxPage } from './pages/inbox-page.js';
import { LoginPage } from './pages/login-page.js';
import { MembersPage } from './pages/members-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ReportPage } from './pages/report-page.js';
import { ReportsPage } from './pages/reports-page.js';
import { matchPath, navigate, useLocation } from './router.js';
import { SessionContext, type Session } from './session.js';
import { AppShell } from './ui/app-shell.js';

type SessionState = { phase: 'loading' } | { phase: 'signed-out' } | { phase: 'signed-in'; user: SessionUser };

export function App() {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });
  const location = useLocation();

  const refresh = useCallback(async () => {
    try {
      const { user } = await api<{ user: SessionUser }>('GET', '/api/session');
      setState({ phase: 'signed-in', user });
    } catch (error) {
      const signedOut = error instanceof ApiFailure && error.status === 401;
      if (!signedOut) console.error(error);
      // A failed refresh of a signed-in page keeps it; only the first load, or a 401, signs out.
      setState((current) => (signedOut || current.phase === 'loading' ? { phase: 'signed-out' } : current));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signOut = useCallback(async () => {
    await api('DELETE', '/api/session').catch(() => undefined);
    setState({ phase: 'signed-out' });
    navigate('/login', { replace: true });
  }, []);

  const session = useMemo<Session | null>(
    () => (state.phase === 'signed-in' ? { user: state.user, signOut, refresh } : null),
    [state, signOut, refresh],
  );

  const path = location.pathname;

  useEffect(() => {
    if (state.phase === 'signed-out' && path !== '/login') {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`;
      navigate(`/login${next}`, { replace: true });
    }
    if (state.phase === 'signed-in' && (path === '/' || path === '/login')) {
      navigate(safeNext(location.searchParams.get('next')), { replace: true });
    }
  }, [state.phase, path, location]);

  if (state.phase === 'loading') return <div className="app-loading">正在加载…</div>;
  if (!session) {
    return path === '/login' ? <LoginPage onSignedIn={(user) => setState({ phase: 'signed-in', user })} /> : null;
  }

  const reportMatch = matchPath('/reports/:id', path);
  let page;
  if (reportMatch) page = <ReportPage key={reportMatch.id} reportId={reportMatch.id!} />;
  else if (matchPath('/reports', path)) page = <AppShell><ReportsPage /></AppShell>;
  else if (matchPath('/members', path)) page = <AppShell><MembersPage /></AppShell>;
  else if (matchPath('/inbox', path)) page = <AppShell><InboxPage /></AppShell>;
  else if (path === '/' || path === '/login') page = null;
  else page = <AppShell><NotFoundPage /></AppShell>;

  return <SessionContext.Provider value={session}>{page}</SessionContext.Provider>;
}

/** Only same-site paths may follow a login, so a crafted link cannot send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/reports';
}
