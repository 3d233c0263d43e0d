import type { SessionEntry } from '../../clinical/session-timeline.js';
import { serviceName } from '../../clinical/service-session.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';

/** The services the beneficiary received, newest first; a group meeting attended says which group. */
export function SessionsSection({ sessions }: { sessions: readonly SessionEntry[] }) {
  const { t, formatDate } = useI18n();
  return (
    <RecordSection id="sessions" title={t('sessions.title')} emptyText={t('sessions.none')} isEmpty={sessions.length === 0}>
      <ul className="plain-list">
        {sessions.map((session) => (
          <li key={session.id} className="session-entry">
            <span className="session-entry__date">{formatDate(session.date)}</span>{' '}
            <bdi lang="en" dir="ltr">
              {serviceName(session.service)}
            </bdi>
            {session.group ? (
              <span className="session-entry__group">
                {' · '}
                {session.group.name ? <Message id="sessions.groupMeetingOf" params={{ group: <bdi>{session.group.name}</bdi> }} /> : t('sessions.groupMeeting')}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </RecordSection>
  );
}
