import type { Patient, Task } from '@medplum/fhirtypes';
import { useState, type ReactNode } from 'react';
import { PatientLink } from '../../beneficiary/PatientLink.js';
import { dueOf, isOverdue } from '../../clinical/open-tasks.js';
import { taskTexts } from '../../clinical/task-wording.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';

interface TeamTasksSectionProps {
  id: string;
  title: string;
  emptyText: string;
  tasks: readonly Task[];
  patients: ReadonlyMap<string, Patient>;
  /** the name of whoever holds each task, by `Practitioner/<id>` */
  holders: ReadonlyMap<string, string>;
  now: Date;
  /** how many to show before the rest is asked for: a long overdue list would bury the rest of the page */
  shownAtFirst?: number;
  children?: ReactNode;
}

/** A list of the team's tasks (urgent ones, overdue ones): what, for whom, who holds it, and by when. */
export function TeamTasksSection({ id, title, emptyText, tasks, patients, holders, now, shownAtFirst = Infinity, children }: TeamTasksSectionProps) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? tasks : tasks.slice(0, shownAtFirst);
  return (
    <RecordSection id={id} title={title} emptyText={emptyText} isEmpty={tasks.length === 0}>
      <ul className="plain-list team-list">
        {shown.map((task) => {
          const holder = holders.get(task.owner?.reference ?? '') ?? task.owner?.display;
          const due = dueOf(task);
          return (
            <li key={task.id} className="team-list__item">
              {task.priority === 'urgent' ? <span className="badge badge--urgent">{t('tasks.urgent')}</span> : null} <strong>{taskTexts(task, i18n).title}</strong>{' '}
              <PatientLink reference={task.for?.reference} patients={patients} />
              <br />
              <span className="muted">
                {holder ? <><Message id="team.heldBy" params={{ name: <bdi>{holder}</bdi> }} /> · </> : null}
                {t('risk.since', { date: formatDate(task.authoredOn) })}
              </span>
              {due ? (
                <span className={isOverdue(task, now) ? 'task__due task__due--overdue' : 'task__due'}>
                  {' '}
                  · {t('tasks.due', { date: formatDate(due) })}
                  {isOverdue(task, now) ? ` · ${t('tasks.overdue')}` : ''}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {shown.length < tasks.length ? (
        <p>
          <button type="button" className="button--secondary" onClick={() => setShowAll(true)}>
            {t('team.showAll', { count: tasks.length })}
          </button>
        </p>
      ) : null}
      {children}
    </RecordSection>
  );
}
