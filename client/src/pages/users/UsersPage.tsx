import { useState } from 'react';
import type { CreatedStaffAccount } from '../../api/admin-api.js';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreateUserForm } from './CreateUserForm.js';
import { loadDirectory } from './directory.js';
import { UsersTable } from './UsersTable.js';

/** For admins: every staff account, and a form to create one. */
export function UsersPage() {
  const { t } = useI18n();
  const { admin, fhir } = useSession();
  const principal = usePrincipal();
  usePageTitle(t('users.title'));
  const [created, setCreated] = useState<CreatedStaffAccount>();
  const loaded = useAsync(async () => {
    const [accounts, directory] = await Promise.all([admin.listUsers(), loadDirectory(fhir)]);
    return { accounts, directory };
  }, [admin, fhir]);
  return (
    <>
      <h1>{t('users.title')}</h1>
      {created ? (
        <div className="notice notice--success" role="status">
          <p>{t('users.created', { username: created.username })}</p>
          {created.totp ? (
            <>
              <p>{t('users.totpOnce')}</p>
              <code className="secret">{created.totp.otpauth_uri}</code>
            </>
          ) : null}
        </div>
      ) : null}
      <AsyncContent state={loaded}>
        {({ accounts, directory }) => (
          <div className="users-layout">
            <UsersTable accounts={accounts} directory={directory} />
            <CreateUserForm
              directory={directory}
              defaultOrganization={principal.organization.id}
              onCreated={(account) => {
                setCreated(account);
                loaded.reload();
              }}
            />
          </div>
        )}
      </AsyncContent>
    </>
  );
}
