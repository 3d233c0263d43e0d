import { useState } from 'react';
import type { SystemClient } from '../../api/admin-api.js';
import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { loadDirectory } from './directory.js';
import { useAdminAction } from './use-admin-action.js';
import { RegisterSystemClientForm } from './RegisterSystemClientForm.js';
import { SystemClientsTable } from './SystemClientsTable.js';

/** For admins: the systems that call the FHIR API on their own (SMART Backend Services), registering and deactivating them. */
export function SystemClientsPage() {
  const { t } = useI18n();
  const { admin, fhir } = useSession();
  usePageTitle(t('clients.title'));
  const [registered, setRegistered] = useState<SystemClient>();
  const loaded = useAsync(async () => {
    const [clients, directory] = await Promise.all([admin.listSystemClients(), loadDirectory(fhir)]);
    return { clients, directory };
  }, [admin, fhir]);
  const { failure, act } = useAdminAction(loaded.reload);
  // The notice of a registration gives way to a later action on the list: it would speak of a state gone by.
  const deactivate = (client: SystemClient) => {
    setRegistered(undefined);
    return act(() => admin.deactivateSystemClient(client.clientId), t('clients.deactivateConfirm', { clientId: client.clientId }));
  };
  return (
    <>
      <h1>{t('clients.title')}</h1>
      <p className="muted">{t('clients.intro')}</p>
      {failure ? (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      ) : null}
      {registered ? (
        <p className="notice notice--success" role="status">
          {t('clients.registered', { clientId: registered.clientId })}
        </p>
      ) : null}
      <AsyncContent state={loaded}>
        {({ clients, directory }) => (
          <div className="users-layout">
            <SystemClientsTable clients={clients} directory={directory} onDeactivate={(client) => void deactivate(client)} />
            <RegisterSystemClientForm
              directory={directory}
              onRegistered={(client) => {
                setRegistered(client);
                loaded.reload();
              }}
            />
          </div>
        )}
      </AsyncContent>
    </>
  );
}
