import type { SystemClient } from '../../api/admin-api.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { nameById, type Directory } from './directory.js';

interface SystemClientsTableProps {
  clients: readonly SystemClient[];
  directory: Directory;
  onDeactivate(client: SystemClient): void;
}

/** Display only: the registered system clients, where their keys come from, their scopes and state. */
export function SystemClientsTable({ clients, directory, onDeactivate }: SystemClientsTableProps) {
  const { t } = useI18n();
  const organizations = nameById(directory.organizations);
  if (clients.length === 0) return <p className="muted">{t('clients.none')}</p>;
  return (
    <table className="table table--stack">
      <caption>{t('clients.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('clients.clientId')}</th>
          <th scope="col">{t('clients.name')}</th>
          <th scope="col">{t('clients.keys')}</th>
          <th scope="col">{t('clients.scopes')}</th>
          <th scope="col">{t('users.organization')}</th>
          <th scope="col">{t('users.status')}</th>
          <th scope="col">{t('users.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={client.clientId}>
            <th scope="row" className="nowrap">
              <bdi dir="ltr">{client.clientId}</bdi>
            </th>
            <td data-label={t('clients.name')}>
              <bdi>{client.name}</bdi>
            </td>
            <td data-label={t('clients.keys')} className="break-anywhere">
              {client.jwksUrl ? <bdi dir="ltr">{client.jwksUrl}</bdi> : t('clients.keysRegistered')}
            </td>
            <td data-label={t('clients.scopes')}>
              <bdi dir="ltr">{client.allowedScopes.join(' ')}</bdi>
            </td>
            <td data-label={t('users.organization')}>{client.organizationId ? <bdi>{organizations.get(client.organizationId) ?? client.organizationId}</bdi> : null}</td>
            <td data-label={t('users.status')}>{client.active ? t('users.active') : t('users.inactive')}</td>
            <td>
              {client.active ? (
                <button type="button" className="button--secondary" onClick={() => onDeactivate(client)}>
                  {t('clients.deactivate', { clientId: client.clientId })}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
