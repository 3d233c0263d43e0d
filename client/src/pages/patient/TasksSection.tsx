import type { Task } from '@medplum/fhirtypes';
import { dueOf, isOpenTaskStatus, isOverdue } from '../../clinical/open-tasks.js';
import type { RecordedReview } from '../../clinical/risk-review.js';
import { taskTexts } from '../../clinical/task-wording.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';

interface TasksSectionProps {
  tasks: readonly Task[];
  /** the suicide-risk reviews recorded, newest first */
  reviews?: readonly RecordedReview[];
  staffNames?: ReadonlyMap<string, string>;
}

/** The beneficiary's open tasks, urgent ones marked, with due dates and what each asks; then the risk reviews done. */
export function TasksSection({ tasks, reviews = [], staffNames = new Map() }: TasksSectionProps) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const now = new Date();
  return (
    <RecordSection id="tasks" title={t('tasks.title')} emptyText={t('tasks.none')} isEmpty={tasks.length === 0} footer={<RecordedReviews reviews={reviews} staffNames={staffNames} />}>
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
              {texts.reason ? (
                <p>
                  <Message id="team.reasonGiven" params={{ text: <span dir="auto">{texts.reason}</span> }} />
                </p>
              ) : null}
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

/** The reviews of a suicide risk recorded on this record: when, by whom, and the reviewer's note as written. */
function RecordedReviews({ reviews, staffNames }: { reviews: readonly RecordedReview[]; staffNames: ReadonlyMap<string, string> }) {
  const { t, formatDateTime } = useI18n();
  if (reviews.length === 0) return null;
  return (
    <>
      <h3>{t('risk.reviewsDone')}</h3>
      <ul className="plain-list">
        {reviews.map((review) => {
          const author = review.author === undefined ? undefined : staffNames.get(review.author);
          return (
            <li key={review.taskId} className="task">
              <div>
                <strong>{t('taskType.risk-review')}</strong> <span className="badge">{t('tasks.status.completed')}</span>
              </div>
              <p className="muted">
                {author ? <Message id="risk.reviewedBy" params={{ date: formatDateTime(review.at), name: <bdi>{author}</bdi> }} /> : t('risk.reviewedOn', { date: formatDateTime(review.at) })}
              </p>
              <p dir="auto">{review.text}</p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
