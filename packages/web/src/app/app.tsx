import type { SessionInfo } from '@genchi/spec';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, unauthorizedEvent } from '../api/client.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { LoginPage } from '../features/auth/login-page.js';
import { ChecksOverviewRoute, TaskChecksRoute } from '../features/checks/lazy-checks.js';
import { ReviewPage } from '../features/review/review-page.js';
import { ReviewScreen } from '../features/review/review-screen.js';
import { GettingStarted } from '../features/setup/getting-started.js';
import { TaskDetailPage } from '../features/tasks/task-detail-page.js';
import { TasksPage } from '../features/tasks/tasks-page.js';
import { TracesPage } from '../features/traces/traces-page.js';
import { TraceTreePage } from '../features/traces/trace-tree-page.js';
import { Link, matchPath, navigate, useLocation } from './router.js';

/** The pages of the app, as data: a path pattern and what it renders. */
const pages: Array<{ pattern: string; render(params: Record<string, string>, session: SessionInfo): ReactNode }> = [
  { pattern: '/traces', render: (_params, session) => <TracesPage spanId={null} project={session.project.name} canCreateKey={session.scopes.includes('admin')} /> },
  { pattern: '/traces/:spanId', render: (params, session) => <TracesPage spanId={params.spanId ?? null} project={session.project.name} canCreateKey={session.scopes.includes('admin')} /> },
  { pattern: '/trace/:traceId', render: (params) => <TraceTreePage traceId={params.traceId ?? ''} /> },
  { pattern: '/tasks', render: () => <TasksPage /> },
  { pattern: '/tasks/:task', render: (params) => <TaskDetailPage task={params.task ?? ''} /> },
  { pattern: '/review', render: (_params, session) => <ReviewPage isAdmin={session.scopes.includes('admin')} /> },
  { pattern: '/review/:task', render: (params) => <ReviewScreen key={params.task} task={params.task ?? ''} /> },
  { pattern: '/checks', render: () => <ChecksOverviewRoute /> },
  { pattern: '/checks/:task', render: (params) => <TaskChecksRoute key={params.task} task={params.task ?? ''} /> },
  { pattern: '/setup', render: (_params, session) => <section className="page"><GettingStarted project={session.project.name} canCreateKey={session.scopes.includes('admin')} /></section> },
];

const sections = [
  { to: '/traces', label: 'Traces' },
  { to: '/tasks', label: 'Tasks' },
  { to: '/review', label: 'Review' },
  { to: '/checks', label: 'Checks' },
];

function Shell({ session, onLogout, children }: { session: SessionInfo; onLogout(): void; children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/traces" className="brand">genchi</Link>
        <nav>
          {sections.map((section) => (
            <Link key={section.to} to={section.to} className={pathname.startsWith(section.to) || (section.to === '/traces' && pathname.startsWith('/trace/')) ? 'active' : ''}>
              {section.label}
            </Link>
          ))}
        </nav>
        <span className="project" title={`scopes: ${session.scopes.join(', ')}`}>project {session.project.name}</span>
        <button type="button" className="link" onClick={onLogout}>log out</button>
      </header>
      <main>{children}</main>
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

/** The web app: a session (or the login page), then the page of the current path. */
export function App() {
  const { pathname } = useLocation();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const check = useCallback(() => {
    setFailure(null);
    api<SessionInfo>('/v1/session').then(setSession, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setSession(null);
      else setFailure(error instanceof ApiError ? error : new ApiError(0, String(error), 'error'));
    });
  }, []);
  useEffect(() => {
    // Checked once at start (navigation does not re-check); a login link skips it.
    if (window.location.pathname !== '/login') check();
    else setSession(null);
  }, [check]);
  useEffect(() => {
    const onUnauthorized = () => setSession(null);
    window.addEventListener(unauthorizedEvent, onUnauthorized);
    return () => window.removeEventListener(unauthorizedEvent, onUnauthorized);
  }, []);

  const onLogin = useCallback((info: SessionInfo) => {
    setSession(info);
    navigate(window.location.pathname === '/login' || window.location.pathname === '/' ? '/traces' : window.location.pathname + window.location.search, { replace: true });
  }, []);
  const onLogout = useCallback(() => {
    void api('/v1/session', { method: 'DELETE' }).finally(() => {
      setSession(null);
      navigate('/login');
    });
  }, []);

  if (failure) return <ErrorState error={failure} retry={check} title="genchi could not be reached" />;
  if (session === undefined) return <Loading label="Starting…" />;
  if (session === null) return <LoginPage onLogin={onLogin} />;
  if (pathname === '/' || pathname === '/login') return <Redirect to="/traces" />;
  for (const page of pages) {
    const params = matchPath(page.pattern, pathname);
    if (params) return <Shell session={session} onLogout={onLogout}>{page.render(params, session)}</Shell>;
  }
  return (
    <Shell session={session} onLogout={onLogout}>
      <EmptyState title="No such page" action={<Link className="button" to="/traces">Go to traces</Link>}>
        {pathname} is not a page of genchi.
      </EmptyState>
    </Shell>
  );
}
