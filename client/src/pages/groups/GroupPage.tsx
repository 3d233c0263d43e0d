import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { PatientLink } from '../../beneficiary/PatientLink.js';
import { activityOf, currentMembers, loadGroupDetail, type GroupDetail } from '../../clinical/activity-groups.js';
import { serviceName } from '../../clinical/service-session.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { RecordSection } from '../../components/RecordSection.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routing/router.js';

/** One activity group: what it meets for, its members, its meetings with how many came, and recording the next. */
export function GroupPage({ groupId }: { groupId: string }) {
  const { fhir } = useSession();
  const detail = useAsync(() => loadGroupDetail(fhir, groupId), [fhir, groupId]);
  return <AsyncContent state={detail}>{(loaded) => <GroupView detail={loaded} />}</AsyncContent>;
}

function GroupView({ detail }: { detail: GroupDetail }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { group, members, hiddenMembers, meetings } = detail;
  const name = group.name ?? t('groups.unnamed');
  usePageTitle(name);
  const memberReferences = currentMembers(group).filter((reference) => members.has(reference));
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>
            <bdi>{name}</bdi>
          </h1>
          <p className="muted">
            <bdi lang="en" dir="ltr">
              {serviceName(activityOf(group))}
            </bdi>
          </p>
        </div>
        <Link to={`/groups/${encodeURIComponent(group.id)}/meeting`} className="button">
          {t('groups.recordMeeting')}
        </Link>
      </div>
      <div className="group-layout">
        <RecordSection id="group-members" title={t('groups.members')} emptyText={t('groups.noMembers')} isEmpty={memberReferences.length === 0 && hiddenMembers === 0}>
          <ul className="plain-list">
            {memberReferences.map((reference) => (
              <li key={reference}>
                <PatientLink reference={reference} patients={members} />
              </li>
            ))}
          </ul>
          {hiddenMembers > 0 ? <p className="muted">{t('groups.hiddenMembers', { count: hiddenMembers })}</p> : null}
        </RecordSection>
        <RecordSection id="group-meetings" title={t('groups.meetings')} emptyText={t('groups.noMeetings')} isEmpty={meetings.length === 0}>
          <table className="table table--stack">
            <thead>
              <tr>
                <th scope="col">{t('groups.meeting.date')}</th>
                <th scope="col">{t('groups.activity')}</th>
                <th scope="col">{t('groups.meeting.topic')}</th>
                <th scope="col">{t('groups.attended')}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((meeting) => (
                <tr key={meeting.id}>
                  <th scope="row" className="nowrap">
                    {formatDateTime(meeting.start)}
                  </th>
                  <td data-label={t('groups.activity')}>
                    <bdi lang="en" dir="ltr">
                      {serviceName(meeting.activity)}
                    </bdi>
                  </td>
                  <td data-label={t('groups.meeting.topic')}>{meeting.topic ? <bdi>{meeting.topic}</bdi> : null}</td>
                  <td data-label={t('groups.attended')}>{formatNumber(meeting.attended)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </RecordSection>
      </div>
    </>
  );
}
