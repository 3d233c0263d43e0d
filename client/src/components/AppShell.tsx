import { useEffect, useState, type ReactNode } from 'react';
import { useAsync } from '../api/use-async.js';
import { areasOf, type Area } from '../auth/role-pages.js';
import { usePrincipal, useSession } from '../auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Message } from '../i18n/Message.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { countUrgentTasks } from '../clinical/urgent-tasks.js';
import { browserDraftStorage, clearDraftsOf, countDrafts } from '../questionnaire/form-drafts.js';
import { Link, navigate, usePath } from '../routing/router.js';
import { DigitsSelect, DraftLanguageNotice, LanguageSelect } from './LanguageSelect.js';

interface NavItem {
  to: string;
  label: MessageKey;
  /** a count shown beside the entry: the urgent tasks waiting */
  count?: 'urgent';
}

const navByArea: Readonly<Record<Area, readonly NavItem[]>> = {
  'my-work': [{ to: '/my-work', label: 'nav.myWork' }],
  team: [{ to: '/team', label: 'nav.team' }],
  inbox: [{ to: '/inbox', label: 'nav.inbox' }],
  caseload: [
    { to: '/caseload', label: 'nav.caseload' },
    { to: '/register', label: 'nav.register' },
  ],
  groups: [{ to: '/groups', label: 'nav.groups' }],
  'urgent-tasks': [{ to: '/urgent-tasks', label: 'nav.urgentTasks', count: 'urgent' }],
  reports: [{ to: '/reports', label: 'nav.reports' }],
  users: [
    { to: '/users', label: 'nav.users' },
    { to: '/organizations', label: 'nav.organizations' },
    { to: '/system-clients', label: 'nav.systemClients' },
    { to: '/text-packs', label: 'nav.textPacks' },
  ],
};

/**
 * The frame of every signed-in page: who is signed in, what their role can open, language, sign-out. On a
 * phone the header is one line (name and a menu button); the menu opens below it.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { logOut } = useSession();
  const principal = usePrincipal();
  const path = usePath();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = areasOf(principal.role).flatMap((area) => navByArea[area]);
  // Unsubmitted forms kept on this device are deleted on sign-out, after asking: the next person at this
  // device must not find them. Whoever signs in next starts at their own home page.
  const signOut = () => {
    const storage = browserDraftStorage();
    const drafts = storage ? countDrafts(storage, principal.practitionerId) : 0;
    if (drafts > 0 && !window.confirm(t('forms.signOutConfirm', { count: drafts }))) return;
    if (storage) clearDraftsOf(storage, principal.practitionerId);
    void logOut();
    navigate('/', { replace: true, leaving: 'unguarded' });
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className={menuOpen ? 'app-header app-header--open' : 'app-header'}>
        <div className="app-header__brand">
          <span className="app-header__name">{t('app.name')}</span>
          <span className="app-header__org">{principal.organization.name ?? ''}</span>
          <button type="button" className="app-header__menu-button button--secondary" aria-expanded={menuOpen} aria-controls="app-menu" onClick={() => setMenuOpen(!menuOpen)}>
            {t('nav.menu')}
          </button>
        </div>
        <div id="app-menu" className="app-header__menu">
          <nav aria-label={t('nav.main')} className="app-nav">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={path === item.to ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                    {t(item.label)}
                    {item.count === 'urgent' ? <UrgentCount path={path} /> : null}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="app-header__user">
            <span>
              <Message id="nav.signedInAs" params={{ name: <bdi>{principal.displayName}</bdi>, role: t(`role.${principal.role}`) }} />
            </span>
            <LanguageSelect />
            <DigitsSelect />
            <button type="button" className="button--secondary" onClick={signOut}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      <DraftLanguageNotice />
      <main id="main" tabIndex={-1} className="app-main">
        {children}
      </main>
    </>
  );
}

/**
 * How many urgent tasks wait, beside the menu entry (its name then reads "Urgent tasks 3"); counted again on
 * each page change, so a review just recorded takes its task off the count. The last count stays while the
 * next is fetched; nothing is shown before the first, or when none waits.
 */
function UrgentCount({ path }: { path: string }) {
  const { formatNumber } = useI18n();
  const { fhir } = useSession();
  const count = useAsync(() => countUrgentTasks(fhir), [fhir, path]);
  const latest = count.status === 'done' ? count.value : undefined;
  const [shown, setShown] = useState<number>();
  useEffect(() => {
    if (latest !== undefined) setShown(latest);
  }, [latest]);
  if (shown === undefined || shown === 0) return null;
  return <span className="badge badge--urgent nav-count">{formatNumber(shown)}</span>;
}
