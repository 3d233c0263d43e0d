import type { Patient, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';

export interface TaskWithPatient {
  task: Task;
  patient?: Patient;
}

/** Urgent tasks nobody has taken up yet (suicide-risk reviews, safety plans needed), newest first, with their people. */
export async function loadUrgentTasks(fhir: FhirClient): Promise<TaskWithPatient[]> {
  const result = await fhir.search<Task>('Task', { priority: 'urgent', status: 'requested', _include: 'Task:patient', _sort: '-authored-on', _count: '100' });
  const patients = new Map(result.included.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [`Patient/${p.id ?? ''}`, p]));
  return result.matches.map((task) => ({ task, patient: patients.get(task.for?.reference ?? '') }));
}
