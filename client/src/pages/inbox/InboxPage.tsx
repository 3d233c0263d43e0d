import type { Patient, Task } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { PatientName } from '../../beneficiary/PatientName.js';
import { dueOf, isOverdue } from '../../clinical/open-tasks.js';
import { loadPatientsByReference } from '../../clinical/patients-by-reference.js';
import { isReferralTask } from '../../clinical/referrals.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routing/router.js';
import { ReferralActions } from './ReferralActions.js';

const WAITING = ['requested', 'accepted', 'in-progress'];
const isUrgent = (task: Task) => task.priority === 'urgent' || task.priority === 'stat' || task.priority === 'asap';

/** Urgent first, then the oldest: what has waited longest is seen first. */
function inboxOrder(a: Task, b: Task): number {
  return Number(isUrgent(b)) - Number(isUrgent(a)) || (a.authoredOn ?? '').localeCompare(b.authoredOn ?? '');
}

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
    const { matches } = await fhir.search<Task>('Task', { owner: `Practitioner/${principal.practitionerId}`, status: WAITING.join(','), _count: '200' });
    const referrals = matches.filter(isReferralTask).sort(inboxOrder);
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
  const { t, formatDate } = useI18n();
  const [now] = useState(() => new Date());
  const due = dueOf(task);
  const titleId = `referral-${task.id ?? ''}`;
  return (
    <li className="card inbox__item" aria-labelledby={titleId}>
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
        {task.requester?.display ? ` · ${t('inbox.from', { name: task.requester.display })}` : ''}
        {due ? ` · ${t('tasks.due', { date: formatDate(due) })}` : ''}
        {isOverdue(task, now) ? <strong className="task__due--overdue"> · {t('tasks.overdue')}</strong> : null}
      </p>
      {task.description ? <p dir="auto">{task.description}</p> : null}
      <ReferralActions task={task} onMoved={onMoved} />
    </li>
  );
}
