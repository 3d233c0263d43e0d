import { useState } from 'react';
import type { CreatedStaffAccount, StaffAccount } from '../../api/admin-api.js';
import { describeError } from '../../components/describe-error.js';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreateUserForm } from './CreateUserForm.js';
import { loadDirectory } from './directory.js';
import { UsersTable } from './UsersTable.js';

/** For admins: every staff account (each can be deactivated), and a form to create one. */
export function UsersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [failure, setFailure] = useState<string>();
  const { admin, fhir } = useSession();
  const principal = usePrincipal();
  usePageTitle(t('users.title'));
  const [created, setCreated] = useState<CreatedStaffAccount>();
  const loaded = useAsync(async () => {
    const [accounts, directory] = await Promise.all([admin.listUsers(), loadDirectory(fhir)]);
    return { accounts, directory };
  }, [admin, fhir]);
  const deactivate = async (account: StaffAccount) => {
    if (!window.confirm(t('users.deactivateConfirm', { username: account.username }))) return;
    try {
      await admin.deactivateUser(account.username);
      setFailure(undefined);
      loaded.reload();
    } catch (error) {
      setFailure(describeError(error, i18n));
    }
  };
  return (
    <>
      <h1>{t('users.title')}</h1>
      {failure ? (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      ) : null}
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
            <UsersTable accounts={accounts} directory={directory} selfUsername={principal.username} onDeactivate={(account) => void deactivate(account)} />
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
