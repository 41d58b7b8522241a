/**
 * The reviewer area, mounted by the app at /review/*: login, then (behind a session) the queue,
 * case page, dashboard and admin pages from their features. Default export so the app can
 * React.lazy() it: none of this code ships with the capture route.
 */
import { useEffect, type ReactNode } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AccountPage } from '../features/auth/account-page';
import { LoginPage } from '../features/auth/login-page';
import { UsersPage } from '../features/auth/users-page';
import { logout } from '../features/auth/api';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { demoStatusQuery } from '../features/demo/api';
import { DemoPage } from '../features/demo/demo-page';
import { ApplicationsPage } from '../features/integrations/applications-page';
import { CasePage } from '../features/review/case-page';
import { QueuePage } from '../features/review/queue-page';
import { setUnauthorizedHandler } from '../lib/http';
import { ReviewI18nProvider, useReviewI18n } from '../lib/i18n/review-i18n';
import { ACCOUNT_PATH, SESSION_QUERY_KEY, isAdmin, loginUrl, sessionQuery } from '../lib/session';
import { Button, Notice, SMALL_BUTTON, Spinner } from '../lib/ui';

/** Renders its children only with a session; otherwise sends the reviewer to login and back. */
function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const queryClient = useQueryClient();
  const { data, error, isPending, refetch } = useQuery(sessionQuery());
  const { t } = useReviewI18n();

  // Any 401 from any reviewer call means the session is gone: forget it, and the guard redirects.
  useEffect(() => {
    setUnauthorizedHandler(() => queryClient.setQueryData(SESSION_QUERY_KEY, null));
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient]);

  if (isPending) {
    return (
      <p className="flex items-center justify-center gap-2 p-10 text-slate-600" role="status">
        <Spinner className="size-4" /> {t('session.checking')}
      </p>
    );
  }
  if (error) {
    return (
      <div className="mx-auto max-w-xl p-6">
        <Notice tone="error" heading={t('session.checkFailed')} role="alert">
          <p>{error.message}</p>
          <Button variant="secondary" className={`mt-3 ${SMALL_BUTTON}`} onClick={() => void refetch()}>
            {t('common.tryAgain')}
          </Button>
        </Notice>
      </div>
    );
  }
  if (!data) return <Navigate to={loginUrl(location.pathname + location.search)} replace />;
  // A temporary password or a required second factor: nothing else works until it is done.
  if (data.user.pending && location.pathname !== ACCOUNT_PATH) return <Navigate to={ACCOUNT_PATH} replace />;
  return children;
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-lg px-3 py-2 text-sm font-medium ${isActive ? 'bg-sky-100 text-sky-900' : 'text-slate-700 hover:bg-slate-100'}`;

function ReviewShell() {
  const { data } = useQuery(sessionQuery());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const user = data?.user;
  const { t } = useReviewI18n();
  // Admins see the demo panel's link only while the server simulates vendors (the query answers null otherwise).
  const demo = useQuery({ ...demoStatusQuery(), enabled: isAdmin(user) });

  const signOut = async () => {
    try {
      await logout();
    } catch {
      // Signed out on this side either way; the server session expires on its own.
    }
    queryClient.clear();
    queryClient.setQueryData(SESSION_QUERY_KEY, null);
    void navigate('/review/login', { replace: true });
  };

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-4 px-4 py-4">
      <nav aria-label={t('nav.label')} className="flex flex-wrap items-center gap-1 border-b border-slate-200 pb-3">
        <NavLink to="/review" end className={navClass}>
          {t('nav.queue')}
        </NavLink>
        <NavLink to="/review/dashboard" className={navClass}>
          {t('nav.dashboard')}
        </NavLink>
        {isAdmin(user) ? (
          <>
            <NavLink to="/review/admin/users" className={navClass}>
              {t('nav.users')}
            </NavLink>
            <NavLink to="/review/admin/applications" className={navClass}>
              {t('nav.applications')}
            </NavLink>
            {demo.data ? (
              <NavLink to="/review/admin/demo" className={navClass}>
                {t('nav.demo')}
              </NavLink>
            ) : null}
          </>
        ) : null}
        <NavLink to={ACCOUNT_PATH} className={navClass}>
          {t('nav.account')}
        </NavLink>
        <span className="ml-auto text-sm text-slate-600" data-testid="signed-in-as">
          {user?.email} <span className="text-slate-500">({user ? t(`role.${user.role}`) : ''})</span>
        </span>
        <Button variant="secondary" className={SMALL_BUTTON} onClick={() => void signOut()}>
          {t('nav.signOut')}
        </Button>
      </nav>
      <Outlet />
    </div>
  );
}

function ReviewNotFound() {
  const { t } = useReviewI18n();
  return <p className="text-slate-600">{t('nav.notFound')}</p>;
}

export default function ReviewArea() {
  return (
    <ReviewI18nProvider>
      <ReviewRoutes />
    </ReviewI18nProvider>
  );
}

function ReviewRoutes() {
  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <ReviewShell />
          </RequireSession>
        }
      >
        <Route index element={<QueuePage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="admin/users" element={<UsersPage />} />
        <Route path="admin/applications" element={<ApplicationsPage />} />
        <Route path="admin/demo" element={<DemoPage />} />
        <Route path="*" element={<ReviewNotFound />} />
      </Route>
    </Routes>
  );
}
