import type { EpisodeOfCare, Practitioner, PractitionerRole, Reference, Task } from '@medplum/fhirtypes';
import { parseReference } from '../fhir/search/index-text.js';

/** What a transfer Task must carry when it is asked for, with the element to name when it does not. */
export function transferProblems(task: Task): { message: string; expression: string }[] {
  const problems = [];
  if (parseReference(task.focus?.reference ?? '').targetType !== 'EpisodeOfCare') {
    problems.push({ message: 'A transfer moves a case: its focus is the EpisodeOfCare', expression: 'Task.focus' });
  }
  if (!['Practitioner', 'PractitionerRole', 'Organization'].includes(parseReference(task.owner?.reference ?? '').targetType ?? '')) {
    problems.push({ message: 'A transfer names its receiver (owner): a Practitioner, PractitionerRole or Organization', expression: 'Task.owner' });
  }
  return problems;
}

/**
 * The case once the receiver has accepted it: a receiving practitioner (or role) becomes its case manager; a
 * case transferred to an organisation is held by that organisation and waits for it to assign a case manager.
 * The case keeps its status and history.
 */
export function transferredCase(episode: EpisodeOfCare, task: Task, receivingOrganization: string | undefined): EpisodeOfCare {
  const receiver = task.owner as Reference;
  const person = parseReference(receiver.reference ?? '').targetType !== 'Organization';
  const { careManager: _previousManager, ...rest } = episode;
  return {
    ...rest,
    ...(person ? { careManager: receiver as Reference<Practitioner | PractitionerRole> } : {}),
    ...(receivingOrganization === undefined ? {} : { managingOrganization: { reference: `Organization/${receivingOrganization}` } }),
  };
}

/** A transfer gives the receiver the patient for as long as their consent to it lasts, a year at most. */
export const TRANSFER_GRANT_DAYS = 365;

export function transferGrantEnd(now: Date, consentEnd: string | undefined): Date {
  const longest = new Date(now.getTime() + TRANSFER_GRANT_DAYS * 86_400_000);
  return consentEnd !== undefined && new Date(consentEnd) < longest ? new Date(consentEnd) : longest;
}
