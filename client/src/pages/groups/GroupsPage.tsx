import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { activityOf, currentMembers, loadGroups } from '../../clinical/activity-groups.js';
import { serviceName } from '../../clinical/service-session.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link, navigate } from '../../routing/router.js';
import { CreateGroupForm } from './CreateGroupForm.js';

/** The activity groups the caller works with, and a new one. */
export function GroupsPage() {
  const { t, formatNumber } = useI18n();
  const { fhir } = useSession();
  usePageTitle(t('groups.title'));
  const groups = useAsync(() => loadGroups(fhir), [fhir]);
  return (
    <>
      <h1>{t('groups.title')}</h1>
      <p className="muted">{t('groups.intro')}</p>
      <div className="users-layout">
        <AsyncContent state={groups}>
          {(found) =>
            found.length === 0 ? (
              <p className="muted">{t('groups.none')}</p>
            ) : (
              <table className="table table--stack">
                <caption>{t('groups.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('groups.name')}</th>
                    <th scope="col">{t('groups.activity')}</th>
                    <th scope="col">{t('groups.members')}</th>
                  </tr>
                </thead>
                <tbody>
                  {found.map((group) => (
                    <tr key={group.id}>
                      <th scope="row">
                        <Link to={`/groups/${encodeURIComponent(group.id ?? '')}`}>
                          <bdi>{group.name ?? t('groups.unnamed')}</bdi>
                        </Link>
                      </th>
                      <td data-label={t('groups.activity')}>
                        <bdi lang="en" dir="ltr">
                          {serviceName(activityOf(group))}
                        </bdi>
                      </td>
                      <td data-label={t('groups.members')}>{formatNumber(currentMembers(group).length)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </AsyncContent>
        <CreateGroupForm onCreated={(id) => navigate(`/groups/${encodeURIComponent(id)}`)} />
      </div>
    </>
  );
}
