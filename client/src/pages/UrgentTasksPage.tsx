import { useAsync } from '../api/use-async.js';
import { useSession } from '../auth/session-context.js';
import { primaryName } from '../beneficiary/patient-names.js';
import { dueOf, isOverdue } from '../clinical/open-tasks.js';
import { taskTexts } from '../clinical/task-wording.js';
import { loadUrgentTasks } from '../clinical/urgent-tasks.js';
import { AsyncContent } from '../components/AsyncContent.js';
import { usePageTitle } from '../components/use-page-title.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Message } from '../i18n/Message.js';
import { Link } from '../routing/router.js';

/** For supervisors: urgent tasks nobody has taken up yet (e.g. suicide-risk reviews), the longest overdue first. */
export function UrgentTasksPage() {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { fhir } = useSession();
  usePageTitle(t('urgent.title'));
  const tasks = useAsync(() => loadUrgentTasks(fhir), [fhir]);
  const now = new Date();
  return (
    <>
      <h1>{t('urgent.title')}</h1>
      <p className="muted">{t('urgent.intro')}</p>
      <AsyncContent state={tasks}>
        {(rows) =>
          rows.length === 0 ? (
            <p role="status">{t('urgent.none')}</p>
          ) : (
            <table className="table table--stack">
              <thead>
                <tr>
                  <th scope="col">{t('urgent.beneficiary')}</th>
                  <th scope="col">{t('urgent.task')}</th>
                  <th scope="col">{t('urgent.raised')}</th>
                  <th scope="col">{t('urgent.due')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ task, patient }) => {
                  const texts = taskTexts(task, i18n);
                  return (
                    <tr key={task.id}>
                      <th scope="row" data-label={t('urgent.beneficiary')}>
                        {patient?.id ? <Link to={`/patients/${encodeURIComponent(patient.id)}`}>{primaryName(patient) ?? t('patient.unnamed')}</Link> : (task.for?.display ?? '')}
                      </th>
                      <td data-label={t('urgent.task')}>
                        <strong>{texts.title}</strong>
                        {texts.note ? <p dir={texts.typed ? 'auto' : undefined}>{texts.note}</p> : null}
                        {texts.reason ? (
                          <p>
                            <Message id="team.reasonGiven" params={{ text: <span dir="auto">{texts.reason}</span> }} />
                          </p>
                        ) : null}
                      </td>
                      <td data-label={t('urgent.raised')}>{formatDateTime(task.authoredOn)}</td>
                      <td data-label={t('urgent.due')} className={isOverdue(task, now) ? 'task__due--overdue' : undefined}>
                        {formatDateTime(dueOf(task))}
                        {isOverdue(task, now) ? ` · ${t('tasks.overdue')}` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </AsyncContent>
    </>
  );
}
