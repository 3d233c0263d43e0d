import type { EpisodeOfCare, Task } from '@medplum/fhirtypes';
import { CASE_CLOSURE_REASON_SYSTEM, TASK_PARAMETER_SYSTEM, taskTypeCode } from '../../server/clinical/workflow-codes.js';
import type { Repository } from '../../server/store/repository.js';
import { practitioner, type DemoActor, type DemoContext } from './context.js';
import type { DemoPerson } from './people.js';
import { instant } from './time.js';

export type DemoCase = EpisodeOfCare & { id: string };

/**
 * The case opened at registration: held by the registrar when the case is theirs, otherwise waiting for the
 * supervisor to assign it (no care manager, so that everyone at the site can pick it up meanwhile).
 */
export function openCase(person: DemoPerson, context: DemoContext, at: Date): DemoCase {
  const holds = person.entry.manager === person.registrar;
  return {
    resourceType: 'EpisodeOfCare',
    id: person.newId(),
    status: holds ? 'active' : 'waitlist',
    type: [{ text: 'MHPSS case management' }],
    patient: person.reference,
    managingOrganization: { reference: `Organization/${person.site.organizationId}` },
    period: { start: instant(at) },
    ...(holds ? { careManager: practitioner(context, person.registrar) } : {}),
  };
}

/** The supervisor gives a waiting case to a clinician; the wait stays in the status history. */
export function assignedCase(episode: DemoCase, context: DemoContext, to: DemoActor, at: Date): DemoCase {
  return {
    ...episode,
    status: 'active',
    statusHistory: [...(episode.statusHistory ?? []), { status: episode.status, period: { start: episode.period?.start, end: instant(at) } }],
    careManager: practitioner(context, to),
  };
}

/**
 * The case manager asks to close a case whose goals were met: a case-closure Task with the reason and the
 * outcome, which the server addresses to the site's supervisors. The case stays open until one approves it.
 */
export function closureRequest(
  episode: DemoCase,
  person: DemoPerson,
  context: DemoContext,
  actor: DemoActor,
  at: Date,
  outcome: string,
  reason: 'goals-met' | 'referred-on' = 'goals-met',
): Task & { id: string } {
  return {
    resourceType: 'Task',
    id: person.newId(),
    status: 'requested',
    intent: 'proposal',
    priority: 'routine',
    code: taskTypeCode('case-closure'),
    focus: { reference: `EpisodeOfCare/${episode.id}` },
    for: person.reference,
    authoredOn: instant(at),
    requester: practitioner(context, actor),
    reasonCode: { coding: [{ system: CASE_CLOSURE_REASON_SYSTEM, code: reason, display: closureReasons[reason] }] },
    input: [{ type: { coding: [{ system: TASK_PARAMETER_SYSTEM, code: 'closure-outcome', display: 'Outcome of the case' }] }, valueString: outcome }],
  };
}

const closureReasons = { 'goals-met': 'Goals met', 'referred-on': 'Referred on' } as const;

/** The supervisor approves a closure: completing the Task, on which the server closes the case. */
export function approveClosure(taskId: string): (repo: Repository) => Promise<void> {
  return async (repo) => {
    const task = (await repo.read('Task', taskId)).resource as Task;
    const at = instant(repo.now());
    await repo.update<Task>({ ...task, status: 'completed', lastModified: at, executionPeriod: { start: task.authoredOn, end: at } });
  };
}

/** A follow-up the case manager set themselves (task-type next-session), due on a day (the overdue list reads `restriction.period.end`, searched as `due`). */
export function followUpTask(person: DemoPerson, context: DemoContext, actor: DemoActor, at: Date, due: Date, what: string): Task {
  const owner = practitioner(context, actor);
  return {
    resourceType: 'Task',
    id: person.newId(),
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: taskTypeCode('next-session'),
    description: what,
    for: person.reference,
    authoredOn: instant(at),
    requester: owner,
    owner,
    restriction: { period: { end: instant(due) } },
  };
}
