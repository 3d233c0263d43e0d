import type { ReactNode } from 'react';
import { areasOf, type Area } from '../auth/role-pages.js';
import { usePrincipal, useSession } from '../auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { Link, navigate, usePath } from '../routing/router.js';
import { DraftLanguageNotice, LanguageSelect } from './LanguageSelect.js';

interface NavItem {
  to: string;
  label: MessageKey;
}

const navByArea: Readonly<Record<Area, readonly NavItem[]>> = {
  caseload: [
    { to: '/caseload', label: 'nav.caseload' },
    { to: '/register', label: 'nav.register' },
  ],
  'urgent-tasks': [{ to: '/urgent-tasks', label: 'nav.urgentTasks' }],
  reports: [{ to: '/reports', label: 'nav.reports' }],
  users: [{ to: '/users', label: 'nav.users' }],
};

/** The frame of every signed-in page: who is signed in, what their role can open, language, sign-out. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { logOut } = useSession();
  const principal = usePrincipal();
  const path = usePath();
  const items = areasOf(principal.role).flatMap((area) => navByArea[area]);
  // Whoever signs in next starts at their own home page, not at the page the last person left open.
  const signOut = () => {
    void logOut();
    navigate('/', { replace: true });
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <span className="app-header__name">{t('app.name')}</span>
          <span className="app-header__org">{principal.organization.name ?? ''}</span>
        </div>
        <nav aria-label={t('nav.main')} className="app-nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={path === item.to ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="app-header__user">
          <span>{t('nav.signedInAs', { name: principal.displayName, role: t(`role.${principal.role}`) })}</span>
          <LanguageSelect />
          <button type="button" className="button--secondary" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <DraftLanguageNotice />
      <main id="main" tabIndex={-1} className="app-main">
        {children}
      </main>
    </>
  );
}
