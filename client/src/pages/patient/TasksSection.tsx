import type { Task } from '@medplum/fhirtypes';
import { dueOf, isOpenTaskStatus, isOverdue } from '../../clinical/open-tasks.js';
import { taskTexts } from '../../clinical/task-wording.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** The beneficiary's open tasks, urgent ones marked, with due dates and what each asks. */
export function TasksSection({ tasks }: { tasks: readonly Task[] }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const now = new Date();
  return (
    <RecordSection id="tasks" title={t('tasks.title')} emptyText={t('tasks.none')} isEmpty={tasks.length === 0}>
      <ul className="plain-list">
        {tasks.map((task) => {
          const due = dueOf(task);
          const texts = taskTexts(task, i18n);
          return (
            <li key={task.id} className="task">
              <div>
                {task.priority === 'urgent' || task.priority === 'stat' ? <span className="badge badge--urgent">{t('tasks.urgent')}</span> : null}{' '}
                <strong>{texts.title}</strong>{' '}
                <span className="badge">{isOpenTaskStatus(task.status) ? t(`tasks.status.${task.status}`) : task.status}</span>
              </div>
              {texts.note ? <p dir={texts.typed ? 'auto' : undefined}>{texts.note}</p> : null}
              {due ? (
                <p className={isOverdue(task, now) ? 'task__due task__due--overdue' : 'task__due'}>
                  {t('tasks.due', { date: formatDateTime(due) })}
                  {isOverdue(task, now) ? ` · ${t('tasks.overdue')}` : ''}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </RecordSection>
  );
}
