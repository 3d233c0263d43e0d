import type { Task } from '@medplum/fhirtypes';
import { localDay } from './local-time.js';
import { weekdayIndex, type WorkflowSettings } from './workflow-settings.js';

export type AnswerTimes = Pick<WorkflowSettings, 'answerWorkingDays' | 'urgentAnswerHours' | 'workingDays' | 'timeZone'>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Priorities that cannot wait for the next working day: they are answered within hours, weekend or not. */
const URGENT: ReadonlySet<string> = new Set(['urgent', 'asap', 'stat']);

/**
 * When a referral or transfer made at `authoredOn` must have been answered (accepted or rejected): an urgent
 * one (urgent, asap, stat) within `urgentAnswerHours` clock hours; any other within `answerWorkingDays`
 * working days, counted as whole days of the deployment's working week in its time zone. A request made on a
 * Thursday at 10:00 in Baghdad with two working days is due on Monday at 10:00; one made on a Friday is due
 * at the end of Monday.
 */
export function answerDeadline(authoredOn: Date, priority: Task['priority'], times: AnswerTimes): Date {
  if (priority !== undefined && URGENT.has(priority)) return new Date(authoredOn.getTime() + times.urgentAnswerHours * HOUR);
  return addWorkingTime(authoredOn, times.answerWorkingDays * DAY, times);
}

/** `amount` milliseconds of working time after `from`: time on days outside the working week does not count. */
export function addWorkingTime(from: Date, amount: number, times: Pick<AnswerTimes, 'workingDays' | 'timeZone'>): Date {
  const working = new Set(times.workingDays.map(weekdayIndex));
  if (working.size === 0) throw new Error('The working week has no days');
  let at = from.getTime();
  let left = amount;
  for (;;) {
    const day = localDay(new Date(at), times.timeZone);
    const dayEnds = day.nextMidnight.getTime();
    if (working.has(day.weekday)) {
      if (left <= dayEnds - at) return new Date(at + left);
      left -= dayEnds - at;
    }
    at = dayEnds;
  }
}

/** A request still waiting for its answer (status requested) past its deadline. */
export function isOverdue(task: Pick<Task, 'status'>, deadline: Date | undefined, now: Date): boolean {
  return task.status === 'requested' && deadline !== undefined && deadline.getTime() < now.getTime();
}
