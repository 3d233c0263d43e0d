import type { Task } from '@medplum/fhirtypes';
import { screeningInstruments } from '../questionnaire/instruments.js';

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

/**
 * What the task asks, in the words of whoever or whatever raised it, and the instrument a re-assessment asks
 * for (its input `instrument`, a Questionnaire's canonical URL): one person has one for PHQ-9 and one for SRQ-20.
 */
export function taskSummary(task: Task): string {
  const summary = task.code?.text ?? task.code?.coding?.[0]?.display ?? task.description ?? task.id ?? '';
  const instrument = instrumentAskedFor(task);
  return instrument ? `${summary} · ${instrument}` : summary;
}

/** The label of the instrument a re-assessment asks for, if it asks for one. */
export function instrumentAskedFor(task: Task): string | undefined {
  const url = task.input?.find((i) => i.type?.coding?.some((c) => c.code === 'instrument'))?.valueCanonical;
  const name = url?.split('|')[0].split('/').pop();
  if (name === undefined) return undefined;
  const label = screeningInstruments.find((i) => i.name === name)?.label;
  return typeof label === 'string' ? label : name;
}
