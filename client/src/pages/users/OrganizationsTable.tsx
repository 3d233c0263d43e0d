import { NameList } from '../../components/NameList.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { sitesOf, type Directory } from './directory.js';
import { isOrganizationType } from './site-kinds.js';

const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

/** Display only: each organisation with its type and the sites it manages. */
export function OrganizationsTable({ directory }: { directory: Directory }) {
  const { t } = useI18n();
  return (
    <table className="table table--stack">
      <caption>{t('organizations.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('organizations.name')}</th>
          <th scope="col">{t('organizations.type')}</th>
          <th scope="col">{t('users.sites')}</th>
        </tr>
      </thead>
      <tbody>
        {directory.organizations.map((organization) => {
          const type = organization.type?.flatMap((c) => c.coding ?? []).find((c) => c.system === ORGANIZATION_TYPE)?.code;
          return (
            <tr key={organization.id}>
              <th scope="row">
                <bdi>{organization.name ?? organization.id}</bdi>
              </th>
              <td data-label={t('organizations.type')}>{isOrganizationType(type) ? t(`organizationType.${type}`) : (type ?? '')}</td>
              <td data-label={t('users.sites')}>
                <NameList names={organization.id ? sitesOf(directory, organization.id).map((site) => site.name ?? site.id ?? '') : []} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
