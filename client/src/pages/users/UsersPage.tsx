import { useState } from 'react';
import type { CreatedStaffAccount, SecondFactor, StaffAccount } from '../../api/admin-api.js';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreateUserForm } from './CreateUserForm.js';
import { loadDirectory } from './directory.js';
import { useAdminAction } from './use-admin-action.js';
import { UsersTable } from './UsersTable.js';

/**
 * For admins: every staff account (each can be deactivated or reactivated, and given a new second factor),
 * and a form to create one. A new second factor is shown once, as the server answers it only once.
 */
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
  const [newSecondFactor, setNewSecondFactor] = useState<{ username: string; totp: SecondFactor }>();
  const { failure, act } = useAdminAction(loaded.reload);
  const deactivate = (account: StaffAccount) =>
    act(() => admin.deactivateUser(account.username), t('users.deactivateConfirm', { username: account.username }));
  const reactivate = (account: StaffAccount) => act(() => admin.reactivateUser(account.username));
  const resetSecondFactor = (account: StaffAccount) =>
    act(
      async () => setNewSecondFactor({ username: account.username, totp: await admin.resetSecondFactor(account.username) }),
      t('users.resetSecondFactorConfirm', { username: account.username }),
    );
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
      {newSecondFactor ? (
        <div className="notice notice--success" role="status">
          <p>{t('users.secondFactorReset', { username: newSecondFactor.username })}</p>
          <p>{t('users.totpOnce')}</p>
          <code className="secret">{newSecondFactor.totp.otpauth_uri}</code>
        </div>
      ) : null}
      <AsyncContent state={loaded}>
        {({ accounts, directory }) => (
          <div className="users-layout">
            <UsersTable
              accounts={accounts}
              directory={directory}
              selfUsername={principal.username}
              onDeactivate={(account) => void deactivate(account)}
              onReactivate={(account) => void reactivate(account)}
              onResetSecondFactor={(account) => void resetSecondFactor(account)}
            />
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
