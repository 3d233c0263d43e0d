import type { Flag, Patient, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { dueOf, openTaskStatuses } from './open-tasks.js';
import { activeAlerts } from './risk-alerts.js';

/** What a caseload row shows beside the person: their risk and the next thing due. */
export interface CaseloadFacts {
  suicideRisk: boolean;
  otherAlerts: number;
  /** the earliest deadline among open tasks */
  nextDue?: string;
}

/** Facts per `Patient/<id>`, from active Flags and open Tasks; pure so the rules are tested without a server. */
export function caseloadFacts(patients: readonly Patient[], flags: readonly Flag[], tasks: readonly Task[]): Map<string, CaseloadFacts> {
  const facts = new Map<string, CaseloadFacts>(patients.map((p) => [`Patient/${p.id ?? ''}`, { suicideRisk: false, otherAlerts: 0 }]));
  for (const alert of activeAlerts(flags)) {
    const entry = facts.get(alert.subject ?? '');
    if (!entry) continue;
    if (alert.isSuicideRisk) entry.suicideRisk = true;
    else entry.otherAlerts += 1;
  }
  for (const task of tasks) {
    const entry = facts.get(task.for?.reference ?? '');
    const due = dueOf(task);
    if (!entry || !due) continue;
    if (entry.nextDue === undefined || Date.parse(due) < Date.parse(entry.nextDue)) entry.nextDue = due;
  }
  return facts;
}

/**
 * Two searches for a whole page of patients (comma-separated references are ORed), not two per row. Flag has
 * no status search parameter in R4: inactive flags are left out by activeAlerts.
 */
export async function loadCaseloadFacts(fhir: FhirClient, patients: readonly Patient[]): Promise<Map<string, CaseloadFacts>> {
  const references = patients.flatMap((p) => (p.id ? [`Patient/${p.id}`] : []));
  if (references.length === 0) return new Map();
  const [flags, tasks] = await Promise.all([
    fhir.search<Flag>('Flag', { subject: references.join(','), _count: '500' }),
    fhir.search<Task>('Task', { patient: references.join(','), status: openTaskStatuses.join(','), _count: '500' }),
  ]);
  return caseloadFacts(patients, flags.matches, tasks.matches);
}
