import type { EpisodeOfCare, Flag, Task } from '@medplum/fhirtypes';
import { useAsync } from '../api/use-async.js';
import { usePrincipal, useSession } from '../auth/session-context.js';
import { PatientLink } from '../beneficiary/PatientLink.js';
import { dueOf, isOverdue, openTaskStatuses } from '../clinical/open-tasks.js';
import { loadPatientsByReference } from '../clinical/patients-by-reference.js';
import { isReferralTask } from '../clinical/referrals.js';
import { activeAlerts } from '../clinical/risk-alerts.js';
import { taskTexts } from '../clinical/task-wording.js';
import { AsyncContent } from '../components/AsyncContent.js';
import { RecordSection } from '../components/RecordSection.js';
import { usePageTitle } from '../components/use-page-title.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Message } from '../i18n/Message.js';
import { Link } from '../routing/router.js';

/** Everything "My work" shows, in four searches and one for the people they are about. */
async function loadMyWork(fhir: ReturnType<typeof useSession>['fhir'], practitionerId: string) {
  const me = `Practitioner/${practitionerId}`;
  const [cases, tasks, sent] = await Promise.all([
    fhir.search<EpisodeOfCare>('EpisodeOfCare', { 'care-manager': me, status: 'planned,active,onhold', _count: '200' }),
    fhir.search<Task>('Task', { owner: me, status: openTaskStatuses.join(','), _count: '200' }),
    fhir.search<Task>('Task', { requester: me, _sort: '-authored-on', _count: '50' }),
  ]);
  const caseSubjects = cases.matches.map((c) => c.patient.reference ?? '');
  const flags = caseSubjects.length > 0 ? await fhir.search<Flag>('Flag', { subject: [...new Set(caseSubjects)].join(','), _count: '200' }) : { matches: [] };
  const referrals = sent.matches.filter(isReferralTask);
  const now = new Date();
  const openTasks = tasks.matches.sort((a, b) => Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || (dueOf(a) ?? '9').localeCompare(dueOf(b) ?? '9'));
  const patients = await loadPatientsByReference(fhir, [...caseSubjects, ...openTasks.map((t) => t.for?.reference), ...referrals.map((t) => t.for?.reference)]);
  return { cases: cases.matches, openTasks, alerts: activeAlerts(flags.matches), referrals, patients, now };
}

/** A caseworker's landing page: their cases, what is due (overdue first), alerts on their beneficiaries, referrals they sent. */
export function MyWorkPage() {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { fhir } = useSession();
  const principal = usePrincipal();
  usePageTitle(t('mywork.title'));
  const work = useAsync(() => loadMyWork(fhir, principal.practitionerId), [fhir, principal.practitionerId]);
  return (
    <>
      <div className="page-heading">
        <h1>{t('mywork.title')}</h1>
        <Link to="/register" className="button">
          {t('nav.register')}
        </Link>
      </div>
      <AsyncContent state={work}>
        {({ cases, openTasks, alerts, referrals, patients, now }) => (
          <div className="record-grid">
            <RecordSection id="my-alerts" title={t('mywork.alerts')} emptyText={t('mywork.noAlerts')} isEmpty={alerts.length === 0}>
              <ul className="plain-list">
                {alerts.map((alert) => (
                  <li key={alert.flagId}>
                    <span className={alert.isSuicideRisk ? 'badge badge--urgent' : 'badge'}>{alert.isSuicideRisk ? t('caseload.suicideRisk') : (alert.title ?? t('risk.otherTitle'))}</span>{' '}
                    <PatientLink reference={alert.subject} patients={patients} /> {alert.since ? `· ${formatDate(alert.since)}` : ''}
                  </li>
                ))}
              </ul>
            </RecordSection>
            <RecordSection id="my-tasks" title={t('mywork.tasks')} emptyText={t('mywork.noTasks')} isEmpty={openTasks.length === 0}>
              <ul className="plain-list">
                {openTasks.map((task) => (
                  <li key={task.id} className="task">
                    <strong>{taskTexts(task, i18n).title}</strong> <PatientLink reference={task.for?.reference} patients={patients} />
                    {dueOf(task) ? (
                      <span className={isOverdue(task, now) ? 'task__due task__due--overdue' : 'task__due'}>
                        {' '}
                        · {t('tasks.due', { date: formatDate(dueOf(task)) })}
                        {isOverdue(task, now) ? ` · ${t('tasks.overdue')}` : ''}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </RecordSection>
            <RecordSection id="my-cases" title={t('mywork.cases')} emptyText={t('mywork.noCases')} isEmpty={cases.length === 0}>
              <ul className="plain-list">
                {cases.map((episode) => (
                  <li key={episode.id}>
                    <PatientLink reference={episode.patient.reference} patients={patients} /> · {t(`cases.status.${episode.status as 'active'}`)}
                    {episode.period?.start ? ` · ${t('mywork.since', { date: formatDate(episode.period.start) })}` : ''}
                  </li>
                ))}
              </ul>
            </RecordSection>
            <RecordSection id="my-referrals" title={t('mywork.referrals')} emptyText={t('mywork.noReferrals')} isEmpty={referrals.length === 0}>
              <ul className="plain-list">
                {referrals.map((task) => (
                  <li key={task.id}>
                    <PatientLink reference={task.for?.reference} patients={patients} /> ·{' '}
                    <Message id="mywork.referredTo" params={{ name: <bdi>{task.owner?.display ?? task.owner?.reference ?? ''}</bdi> }} /> ·{' '}
                    <span className="badge">{t(`referral.status.${task.status as 'requested'}`)}</span> · {formatDate(task.authoredOn)}
                  </li>
                ))}
              </ul>
            </RecordSection>
          </div>
        )}
      </AsyncContent>
    </>
  );
}
