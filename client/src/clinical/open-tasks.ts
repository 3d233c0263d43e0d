import type { Task } from '@medplum/fhirtypes';

/** Task statuses that still ask someone to act (FHIR R4 Task.status). */
export const openTaskStatuses = ['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'] as const;
export type OpenTaskStatus = (typeof openTaskStatuses)[number];

export function isOpenTaskStatus(status: string): status is OpenTaskStatus {
  return (openTaskStatuses as readonly string[]).includes(status);
}

/** When the task must be done by: Hiwa puts the deadline in `restriction.period.end`. */
export function dueOf(task: Task): string | undefined {
  return task.restriction?.period?.end;
}

export function isOverdue(task: Task, now: Date): boolean {
  const due = dueOf(task);
  return due !== undefined && isOpenTaskStatus(task.status) && Date.parse(due) < now.getTime();
}
