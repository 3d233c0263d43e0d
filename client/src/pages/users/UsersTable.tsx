import type { StaffAccount } from '../../api/admin-api.js';
import { staffRoles, type StaffRole } from '../../auth/principal.js';
import { NameList } from '../../components/NameList.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { nameById, type Directory } from './directory.js';

const isStaffRole = (role: string): role is StaffRole => (staffRoles as readonly string[]).includes(role);

interface UsersTableProps {
  accounts: readonly StaffAccount[];
  directory: Directory;
  /** the signed-in admin, who cannot deactivate their own account here */
  selfUsername: string;
  onDeactivate(account: StaffAccount): void;
  onReactivate(account: StaffAccount): void;
  onResetSecondFactor(account: StaffAccount): void;
}

/** A second factor matters to admins (they cannot sign in without one) and to whoever already has one. */
const usesSecondFactor = (account: StaffAccount): boolean => account.role === 'admin' || account.secondFactor;

/** Display only: the staff accounts with their role, organisation, sites, sign-in state and what can be done to each. */
export function UsersTable({ accounts, directory, selfUsername, onDeactivate, onReactivate, onResetSecondFactor }: UsersTableProps) {
  const { t, formatDateTime } = useI18n();
  const organizations = nameById(directory.organizations);
  const sites = nameById(directory.sites);
  return (
    <table className="table table--stack">
      <caption>{t('users.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('users.username')}</th>
          <th scope="col">{t('users.displayName')}</th>
          <th scope="col">{t('users.role')}</th>
          <th scope="col">{t('users.organization')}</th>
          <th scope="col">{t('users.sites')}</th>
          <th scope="col">{t('users.status')}</th>
          <th scope="col">{t('users.secondFactor')}</th>
          <th scope="col">{t('users.lastLogin')}</th>
          <th scope="col">{t('users.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id}>
            <th scope="row">
              <bdi dir="ltr">{account.username}</bdi>
            </th>
            <td data-label={t('users.displayName')}>
              <bdi>{account.displayName}</bdi>
            </td>
            <td data-label={t('users.role')}>{isStaffRole(account.role) ? t(`role.${account.role}`) : account.role}</td>
            <td data-label={t('users.organization')}>
              <bdi>{organizations.get(account.organizationId) ?? account.organizationId}</bdi>
            </td>
            <td data-label={t('users.sites')}>
              <NameList names={account.siteIds.map((id) => sites.get(id) ?? id)} />
            </td>
            <td data-label={t('users.status')}>{account.active ? t('users.active') : t('users.inactive')}</td>
            <td data-label={t('users.secondFactor')}>{account.secondFactor ? t('common.yes') : t('common.no')}</td>
            <td data-label={t('users.lastLogin')}>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : t('users.never')}</td>
            <td>
              {account.username === selfUsername ? null : (
                <div className="row-actions">
                  {account.active ? (
                    <button type="button" className="button--secondary" onClick={() => onDeactivate(account)}>
                      {t('users.deactivate', { username: account.username })}
                    </button>
                  ) : (
                    <button type="button" className="button--secondary" onClick={() => onReactivate(account)}>
                      {t('users.reactivate', { username: account.username })}
                    </button>
                  )}
                  {usesSecondFactor(account) ? (
                    <button type="button" className="button--secondary" onClick={() => onResetSecondFactor(account)}>
                      {t('users.resetSecondFactor', { username: account.username })}
                    </button>
                  ) : null}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
