import { isGovernorate } from '../../beneficiary/governorates.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { nameById, type Directory } from './directory.js';
import { isSiteKind } from './site-kinds.js';

/** Display only: each service site with the organisation managing it, its governorate and kind. */
export function SitesTable({ directory }: { directory: Directory }) {
  const { t } = useI18n();
  const organizations = nameById(directory.organizations);
  return (
    <table className="table table--stack">
      <caption>{t('sites.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sites.name')}</th>
          <th scope="col">{t('users.organization')}</th>
          <th scope="col">{t('patient.governorate')}</th>
          <th scope="col">{t('sites.kind')}</th>
        </tr>
      </thead>
      <tbody>
        {directory.sites.map((site) => {
          const organizationId = site.managingOrganization?.reference?.replace(/^Organization\//, '');
          const governorate = site.address?.state;
          const kind = site.type?.[0]?.text;
          return (
            <tr key={site.id}>
              <th scope="row">
                <bdi>{site.name ?? site.id}</bdi>
              </th>
              <td data-label={t('users.organization')}>{organizationId ? <bdi>{organizations.get(organizationId) ?? organizationId}</bdi> : null}</td>
              <td data-label={t('patient.governorate')}>{isGovernorate(governorate) ? t(`governorate.${governorate}`) : (governorate ?? '')}</td>
              <td data-label={t('sites.kind')}>{isSiteKind(kind) ? t(`siteKind.${kind}`) : (kind ?? '')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
