import type { CareTeam, EpisodeOfCare, Patient, Practitioner, Reference, Resource, Task } from '@medplum/fhirtypes';
import { issue, unprocessable } from '../fhir/outcomes.js';
import { parseReference } from '../fhir/search/index-text.js';
import type { Repository } from '../store/repository.js';
import { handedOver, REASSIGNABLE, reassignedCareTeam, reassignedCase } from './case-reassignment.js';
import { findResources } from './find-resources.js';
import { OPEN_TASK_STATUSES } from './follow-up-task.js';
import { practitionerOrganization } from './staff-organizations.js';
import { workflowConflict } from './transition-refusal.js';

export interface Reassignment {
  /** the Practitioner who takes the case */
  careManagerId: string;
  /** why, for the audit trail */
  reason?: string;
}

/**
 * Gives a case to another member of staff in one transaction, as the caller: the EpisodeOfCare's careManager,
 * its CareTeam (the old case manager's participation ended, the new one's begun; a team created if the case
 * had none), and the open Tasks about the patient that the old case manager owned (follow-ups, reviews).
 * Each write is audited as the caller's, and the operation once more with its reason. Returns what changed.
 */
export async function reassignCase(repo: Repository, episodeId: string, input: Reassignment): Promise<Resource[]> {
  return repo.transaction(async (tx) => {
    const episode = (await tx.read('EpisodeOfCare', episodeId, { forUpdate: true })).resource as EpisodeOfCare;
    if (!REASSIGNABLE.has(episode.status)) {
      throw workflowConflict(`A ${episode.status} case cannot be reassigned; only an open case (planned, waitlist, active, onhold)`, 'EpisodeOfCare.status');
    }
    const to: Reference<Practitioner> = { reference: `Practitioner/${input.careManagerId}` };
    await requireStaffOf(tx, input.careManagerId, episode);
    const previous = episode.careManager;
    if (previous?.reference === to.reference) return [episode];

    const teamReference = episode.team?.find((t) => t.reference?.startsWith('CareTeam/'));
    const team = teamReference === undefined ? undefined : ((await tx.read('CareTeam', parseReference(teamReference.reference ?? '').targetId as string, { forUpdate: true })).resource as CareTeam);
    const nextTeam = reassignedCareTeam(team, episode, to, tx.now());
    const writtenTeam = (team === undefined ? await tx.create(nextTeam) : await tx.update(nextTeam)).resource;
    const writtenCase = (await tx.update(reassignedCase(episode, to, { reference: `CareTeam/${writtenTeam.id}` }))).resource;

    const handed: Task[] = [];
    if (previous?.reference !== undefined && episode.patient.reference !== undefined) {
      const open = await findResources<Task>(tx, 'Task', [['owner', previous.reference], ['patient', episode.patient.reference], ['status', OPEN_TASK_STATUSES]]);
      for (const task of open) handed.push((await tx.update(handedOver(task, to))).resource);
    }
    const patientId = parseReference(episode.patient.reference ?? '').targetId;
    await tx.auditedAccess(
      {
        subtype: 'operation',
        action: 'E',
        query: `EpisodeOfCare/${episodeId}/$reassign`,
        patientIds: patientId ? [patientId] : [],
        resources: [`EpisodeOfCare/${episodeId}`, `CareTeam/${writtenTeam.id}`, ...handed.map((t) => `Task/${t.id}`)],
        ...(input.reason === undefined ? {} : { reason: input.reason }),
      },
      async () => undefined,
    );
    return [writtenCase, writtenTeam, ...handed];
  });
}

/**
 * The new case manager works for the case's organisation (its managingOrganization, else its patient's) with
 * an active role there; otherwise the parameter is wrong (422).
 */
async function requireStaffOf(repo: Repository, practitionerId: string, episode: EpisodeOfCare): Promise<void> {
  const organization = await caseOrganization(repo, episode);
  const theirs = await practitionerOrganization(repo, practitionerId, organization);
  if (theirs === undefined || theirs !== organization) {
    throw unprocessable([
      issue('business-rule', `Practitioner/${practitionerId} has no active role in the case's organisation`, "Parameters.parameter.where(name='careManager')"),
    ]);
  }
}

async function caseOrganization(repo: Repository, episode: EpisodeOfCare): Promise<string | undefined> {
  const own = episode.managingOrganization?.reference;
  const patientId = parseReference(episode.patient.reference ?? '').targetId;
  const reference = own ?? (patientId ? ((await repo.asServer('organisation of a case').read('Patient', patientId)).resource as Patient).managingOrganization?.reference : undefined);
  return parseReference(reference ?? '').targetId ?? undefined;
}
