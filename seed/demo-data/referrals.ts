import type { Practitioner, Reference, ServiceRequest, Task } from '@medplum/fhirtypes';
import { TASK_PARAMETER_SYSTEM } from '../../server/clinical/workflow-codes.js';
import type { DemoPerson } from './people.js';
import { hiwaCoding } from './sessions.js';
import { DAY, instant, plus } from './time.js';

export interface Referral {
  request: ServiceRequest & { id: string };
  task: Task & { id: string };
}

export interface ReferralFacts {
  at: Date;
  from: Reference<Practitioner>;
  to: Reference<Practitioner>;
  /** a code of Hiwa's service-type CodeSystem, e.g. psychiatric-consultation */
  service: string;
  priority: 'routine' | 'urgent';
  reason: string;
  /** the records behind it (the scored response) */
  supportingInfo?: Reference[];
  encounterId?: string;
}

/**
 * A referral as Hiwa keeps it: the ServiceRequest says what is asked of whom; its Task carries the workflow
 * (requested → accepted → in-progress → completed, as the server enforces it) and sits in the receiving clinician's inbox (`owner`), to be answered
 * within three days for a routine referral and the next day for an urgent one.
 */
export function referral(person: DemoPerson, facts: ReferralFacts): Referral {
  const request: Referral['request'] = {
    resourceType: 'ServiceRequest',
    id: person.newId(),
    status: 'active',
    intent: 'order',
    priority: facts.priority,
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [hiwaCoding('https://hiwa.health/fhir/CodeSystem/service-type', facts.service)] },
    subject: person.reference,
    ...(facts.encounterId === undefined ? {} : { encounter: { reference: `Encounter/${facts.encounterId}` } }),
    authoredOn: instant(facts.at),
    requester: facts.from,
    performer: [facts.to],
    reasonCode: [{ text: facts.reason }],
    ...(facts.supportingInfo === undefined ? {} : { supportingInfo: facts.supportingInfo }),
  };
  const task: Referral['task'] = {
    resourceType: 'Task',
    id: person.newId(),
    status: 'requested',
    intent: 'order',
    priority: facts.priority,
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    description: `Referral: ${facts.reason}`,
    focus: { reference: `ServiceRequest/${request.id}` },
    for: person.reference,
    authoredOn: instant(facts.at),
    lastModified: instant(facts.at),
    requester: facts.from,
    owner: facts.to,
    restriction: { period: { end: instant(plus(facts.at, (facts.priority === 'urgent' ? 1 : 3) * DAY)) } },
  };
  return { request, task };
}

export function accepted(task: Referral['task'], at: Date): Referral['task'] {
  return { ...task, status: 'accepted', lastModified: instant(at) };
}

/** The recipient declines, saying why (the server requires a reason). */
export function rejected(task: Referral['task'], at: Date, reason: string): Referral['task'] {
  return { ...task, status: 'rejected', lastModified: instant(at), statusReason: { text: reason } };
}

/** The recipient starts the work (the consultation begins). */
export function inProgress(task: Referral['task'], at: Date): Referral['task'] {
  return { ...task, status: 'in-progress', lastModified: instant(at), executionPeriod: { start: instant(at) } };
}

/** The consultation took place: the Task is done with its outcome (the server requires one) and the request fulfilled. */
export function completed(referral: Referral, at: Date, outcome: string): Referral {
  return {
    request: { ...referral.request, status: 'completed' },
    task: {
      ...referral.task,
      status: 'completed',
      lastModified: instant(at),
      executionPeriod: { ...referral.task.executionPeriod, end: instant(at) },
      output: [{ type: { coding: [{ system: TASK_PARAMETER_SYSTEM, code: 'referral-outcome', display: 'Outcome of the referral' }] }, valueString: outcome }],
    },
  };
}
