import type { Patient, Task } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { PatientName } from '../../beneficiary/PatientName.js';
import { dueOf, isOverdue } from '../../clinical/open-tasks.js';
import { loadPatientsByReference } from '../../clinical/patients-by-reference.js';
import { answerDueOf, isAnswerOverdue, isReferralTask } from '../../clinical/referrals.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { Link } from '../../routing/router.js';
import { ReferralActions } from './ReferralActions.js';

const WAITING = ['requested', 'accepted', 'in-progress'];
/** Once accepted, the consultation answers the referral (and starts or completes it, in the same transaction). */
const WORKING: ReadonlySet<string> = new Set(['accepted', 'in-progress']);
/**
 * The server's order: most urgent first (stat, asap, urgent, routine), then the oldest. Within a priority the
 * referrals not answered in time are the oldest still waiting, so they lead the ones still within time.
 */
const INBOX_ORDER = '-priority,authored-on';
const isUrgent = (task: Task) => task.priority === 'urgent' || task.priority === 'stat' || task.priority === 'asap';

/**
 * The referrals addressed to the signed-in clinician that still need them: accept or decline (with a reason),
 * start, complete (with an outcome note). Each move is a PUT of the Task the server's referral machine checks.
 */
export function InboxPage() {
  const { t } = useI18n();
  const { fhir } = useSession();
  const principal = usePrincipal();
  usePageTitle(t('inbox.title'));
  const inbox = useAsync(async () => {
    const { matches } = await fhir.search<Task>('Task', { owner: `Practitioner/${principal.practitionerId}`, status: WAITING.join(','), _sort: INBOX_ORDER, _count: '200' });
    const referrals = matches.filter(isReferralTask);
    return { referrals, patients: await loadPatientsByReference(fhir, referrals.map((task) => task.for?.reference)) };
  }, [fhir, principal.practitionerId]);
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <AsyncContent state={inbox}>
        {({ referrals, patients }) =>
          referrals.length === 0 ? (
            <p role="status">{t('inbox.empty')}</p>
          ) : (
            <ul className="plain-list inbox">
              {referrals.map((task) => (
                <InboxItem key={task.id} task={task} patient={patients.get(task.for?.reference ?? '')} onMoved={inbox.reload} />
              ))}
            </ul>
          )
        }
      </AsyncContent>
    </>
  );
}

function InboxItem({ task, patient, onMoved }: { task: Task; patient: Patient | undefined; onMoved(): void }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const [now] = useState(() => new Date());
  const due = dueOf(task);
  const answerDue = answerDueOf(task);
  const overdue = isAnswerOverdue(task, now) || isOverdue(task, now);
  const titleId = `referral-${task.id ?? ''}`;
  return (
    <li className={overdue ? 'card inbox__item inbox__item--overdue' : 'card inbox__item'} aria-labelledby={titleId}>
      <h2 id={titleId} className="inbox__title">
        {patient?.id ? (
          <Link to={`/patients/${encodeURIComponent(patient.id)}`}>
            <PatientName patient={patient} />
          </Link>
        ) : (
          (task.for?.display ?? '')
        )}
      </h2>
      <p>
        {isUrgent(task) ? <span className="badge badge--urgent">{t('tasks.urgent')}</span> : null} <span className="badge">{t(`inbox.status.${task.status as 'requested'}`)}</span>{' '}
        {t('inbox.received', { date: formatDate(task.authoredOn) })}
        {task.requester?.display ? (
          <>
            {' · '}
            <Message id="inbox.from" params={{ name: <bdi>{task.requester.display}</bdi> }} />
          </>
        ) : null}
        {answerDue ? ` · ${t('inbox.answerDue', { date: formatDateTime(answerDue) })}` : ''}
        {due ? ` · ${t('tasks.due', { date: formatDate(due) })}` : ''}
        {overdue ? <strong className="task__due--overdue"> · {t('tasks.overdue')}</strong> : null}
      </p>
      {task.description ? <p dir="auto">{task.description}</p> : null}
      {patient?.id && WORKING.has(task.status) ? (
        <p>
          <Link to={`/patients/${encodeURIComponent(patient.id)}/consultation?referral=${encodeURIComponent(task.id ?? '')}`} className="button button--secondary">
            {t('inbox.consultation')}
          </Link>
        </p>
      ) : null}
      <ReferralActions task={task} onMoved={onMoved} />
    </li>
  );
}
