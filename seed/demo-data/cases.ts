import type { EpisodeOfCare, Task } from '@medplum/fhirtypes';
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

/** Closed with the goals met: finished, never deleted. */
export function closedCase(episode: DemoCase, at: Date): DemoCase {
  return {
    ...episode,
    status: 'finished',
    statusHistory: [...(episode.statusHistory ?? []), { status: episode.status, period: { start: episode.period?.start, end: instant(at) } }],
    period: { ...episode.period, end: instant(at) },
  };
}

/** A follow-up the case manager set themselves, due on a day (the overdue list reads `restriction.period.end`). */
export function followUpTask(person: DemoPerson, context: DemoContext, actor: DemoActor, at: Date, due: Date, what: string): Task {
  const owner = practitioner(context, actor);
  return {
    resourceType: 'Task',
    id: person.newId(),
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: { text: 'Follow-up' },
    description: what,
    for: person.reference,
    authoredOn: instant(at),
    requester: owner,
    owner,
    restriction: { period: { end: instant(due) } },
  };
}
