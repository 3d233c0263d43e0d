import type { StaffRole } from '../auth/principal.js';
import { usePageTitle } from '../components/use-page-title.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Link } from '../routing/router.js';

/** A page outside the role's reach: said plainly (the server would refuse its data anyway). */
export function NotAllowedPage({ role }: { role: StaffRole }) {
  const { t } = useI18n();
  usePageTitle(t('notAllowed.title'));
  return (
    <>
      <h1>{t('notAllowed.title')}</h1>
      <p>{t('notAllowed.body', { role: t(`role.${role}`) })}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
