import { Suspense, useEffect } from 'react';
import { homePathOf, mayUse } from './auth/role-pages.js';
import { SessionProvider, useSession } from './auth/session-context.js';
import { AppShell } from './components/AppShell.js';
import { I18nProvider, useI18n } from './i18n/i18n-context.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotAllowedPage } from './pages/NotAllowedPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { preloadPages } from './routing/lazy-page.js';
import { matchPath, navigate, usePath } from './routing/router.js';
import { routes } from './routing/routes.js';

/** Hiwa's web client: language, session, then the page the path and the role allow. */
export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Screen />
      </SessionProvider>
    </I18nProvider>
  );
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted centered" role="status">
      {t('common.loading')}
    </p>
  );
}

function Screen() {
  const { state } = useSession();
  const signedOut = state.status === 'signed-out';
  useEffect(() => {
    if (signedOut) preloadPages();
  }, [signedOut]);
  if (state.status === 'restoring') return <Loading />;
  // Signed out, any path shows the sign-in page and keeps the path, so a deep link opens after sign-in.
  if (signedOut) return <LoginPage />;
  return <SignedIn />;
}

function SignedIn() {
  const { state } = useSession();
  const path = usePath();
  const role = state.status === 'signed-in' ? state.principal.role : undefined;
  const atEntry = path === '/' || path === '/login';
  useEffect(() => {
    if (atEntry && role) navigate(homePathOf(role), { replace: true });
  }, [atEntry, role]);
  if (!role || atEntry) return null;
  return (
    <AppShell>
      <Suspense fallback={<Loading />}>{pageFor(path, role)}</Suspense>
    </AppShell>
  );
}

function pageFor(path: string, role: Parameters<typeof mayUse>[0]) {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params === undefined) continue;
    return mayUse(role, route.area) ? route.render(params) : <NotAllowedPage role={role} />;
  }
  return <NotFoundPage />;
}
