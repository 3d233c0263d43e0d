import type { Patient, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { dueOf } from './open-tasks.js';

export interface TaskWithPatient {
  task: Task;
  patient?: Patient;
}

/** Urgent tasks nobody has taken up yet (suicide-risk reviews, safety plans needed, reviews of a break-glass): the list and its count in the menu. */
const URGENT_OPEN = { priority: 'urgent', status: 'requested' } as const;

/**
 * The order of the urgent list: by due date, so the item overdue the longest comes first, then the rest of
 * the overdue ones, then what is due soonest; an item without a due date last. Same due date: the one raised
 * first first.
 */
export function urgentOrder<T extends { task: Task }>(rows: readonly T[]): T[] {
  const due = (row: T) => {
    const at = Date.parse(dueOf(row.task) ?? '');
    return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
  };
  const raised = (row: T) => Date.parse(row.task.authoredOn ?? '') || 0;
  return [...rows].sort((a, b) => due(a) - due(b) || raised(a) - raised(b));
}

/** The urgent tasks with their people, the longest overdue first (the server sorts by due date too, so a long list keeps those). */
export async function loadUrgentTasks(fhir: FhirClient): Promise<TaskWithPatient[]> {
  const result = await fhir.search<Task>('Task', { ...URGENT_OPEN, _include: 'Task:patient', _sort: 'due,authored-on', _count: '100' });
  const patients = new Map(result.included.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [`Patient/${p.id ?? ''}`, p]));
  return urgentOrder(result.matches.map((task) => ({ task, patient: patients.get(task.for?.reference ?? '') })));
}

/** How many urgent tasks wait, as the server counts what the caller may see. */
export async function countUrgentTasks(fhir: FhirClient): Promise<number> {
  const { total } = await fhir.search<Task>('Task', { ...URGENT_OPEN, _summary: 'count' });
  return total ?? 0;
}
