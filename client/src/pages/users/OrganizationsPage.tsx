import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreateOrganizationForm } from './CreateOrganizationForm.js';
import { CreateSiteForm } from './CreateSiteForm.js';
import { loadDirectory } from './directory.js';
import { OrganizationsTable } from './OrganizationsTable.js';
import { SitesTable } from './SitesTable.js';

/** For admins: the organisations and their service sites, and forms to add either. */
export function OrganizationsPage() {
  const { t } = useI18n();
  const { fhir } = useSession();
  const principal = usePrincipal();
  usePageTitle(t('organizations.pageTitle'));
  const [created, setCreated] = useState<string>();
  const loaded = useAsync(() => loadDirectory(fhir), [fhir]);
  const show = (message: string) => {
    setCreated(message);
    loaded.reload();
  };
  return (
    <>
      <h1>{t('organizations.pageTitle')}</h1>
      {created ? (
        <p className="notice notice--success" role="status">
          {created}
        </p>
      ) : null}
      <AsyncContent state={loaded}>
        {(directory) => (
          <div className="users-layout">
            <OrganizationsTable directory={directory} />
            <SitesTable directory={directory} />
            <CreateSiteForm
              directory={directory}
              defaultOrganization={principal.organization.id}
              onCreated={(site) => show(t('sites.created', { name: site.name ?? '' }))}
            />
            <CreateOrganizationForm onCreated={(organization) => show(t('organizations.created', { name: organization.name ?? '' }))} />
          </div>
        )}
      </AsyncContent>
    </>
  );
}
