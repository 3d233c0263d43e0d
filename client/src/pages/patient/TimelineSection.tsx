import type { Task } from '@medplum/fhirtypes';
import { consentFacts } from '../../clinical/consents.js';
import { isOpenTaskStatus } from '../../clinical/open-tasks.js';
import type { TimelineEntry } from '../../clinical/record-timeline.js';
import { serviceName } from '../../clinical/service-session.js';
import { taskTexts } from '../../clinical/task-wording.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { Link } from '../../routing/router.js';
import { formNamed } from '../../questionnaire/form-by-name.js';
import { formLabel } from '../../questionnaire/instruments.js';
import { purposeText } from './ConsentsSection.js';

const referralStatuses = ['requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled'] as const;

/** A Task's state in words: a referral's as the referrer follows it, any other's as the task list says it. */
function taskStatusText(task: Task, isReferral: boolean, t: I18n['t']): string {
  if (isReferral && (referralStatuses as readonly string[]).includes(task.status)) return t(`referral.status.${task.status as (typeof referralStatuses)[number]}`);
  if (isOpenTaskStatus(task.status) || task.status === 'completed') return t(`tasks.status.${task.status}`);
  return task.status;
}

function EntryText({ entry, patientId }: { entry: TimelineEntry; patientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  switch (entry.kind) {
    case 'session':
      return (
        <>
          <bdi lang="en" dir="ltr">
            {serviceName(entry.session.service)}
          </bdi>
          {entry.session.group ? (
            <>
              {' · '}
              {entry.session.group.name ? <Message id="sessions.groupMeetingOf" params={{ group: <bdi>{entry.session.group.name}</bdi> }} /> : t('sessions.groupMeeting')}
            </>
          ) : null}
        </>
      );
    case 'form': {
      const form = formNamed(entry.formName);
      return (
        <>
          {t('timeline.formFilled')}{' '}
          <Link to={`/patients/${patientId}/responses/${entry.responseId}`}>
            {form ? formLabel(form, t) : <bdi dir="ltr">{entry.formName}</bdi>}
            {entry.status === 'amended' ? ` (${t('timeline.amended')})` : ''}
          </Link>
        </>
      );
    }
    case 'consent-given':
    case 'consent-withdrawn': {
      const purpose = purposeText(consentFacts(entry.consent), t);
      return <>{t(entry.kind === 'consent-given' ? 'timeline.consentGiven' : 'timeline.consentWithdrawn', { purpose })}</>;
    }
    case 'referral':
    case 'task':
      return (
        <>
          {taskTexts(entry.task, i18n).title} <span className="badge">{taskStatusText(entry.task, entry.kind === 'referral', t)}</span>
        </>
      );
  }
}

/**
 * The record's history in one list, newest first: sessions and group meetings, forms filled (each links to
 * its result), consents given and withdrawn, referrals and tasks, each with its date.
 */
export function TimelineSection({ entries, patientId }: { entries: readonly TimelineEntry[]; patientId: string }) {
  const { t, formatDate } = useI18n();
  return (
    <RecordSection id="timeline" title={t('timeline.title')} emptyText={t('timeline.none')} isEmpty={entries.length === 0}>
      <ol className="plain-list timeline">
        {entries.map((entry) => (
          <li key={entry.key} className={`timeline__entry timeline__entry--${entry.kind}`}>
            <span className="timeline__date">{formatDate(entry.date)}</span> <EntryText entry={entry} patientId={patientId} />
          </li>
        ))}
      </ol>
    </RecordSection>
  );
}
