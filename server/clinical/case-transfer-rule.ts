import type { Consent, EpisodeOfCare, Patient, PractitionerRole, Task } from '@medplum/fhirtypes';
import { issue, unprocessable } from '../fhir/outcomes.js';
import { parseReference } from '../fhir/search/index-text.js';
import { insertGrant } from '../store/access-records.js';
import type { Repository, WriteRule } from '../store/repository.js';
import { transferGrantEnd, transferProblems, transferredCase } from './case-transfer.js';
import { importsHistory } from './clinicians.js';
import { consentAllowing } from './consent-gates.js';
import { findResources } from './find-resources.js';
import { isTransferTask } from './referral-task-machine.js';
import { performerOrganization } from './staff-organizations.js';

/**
 * A transfer of a case: asked for with a transfer Task (focus the case, owner the receiver; 422 otherwise),
 * answered through the referral machine; when the receiver accepts, in the same transaction the case moves to
 * them (case-transfer.ts) and they are granted the patient (purpose transfer, resting on the consent that
 * allows it, so that a withdrawal ends it). The consent gate for another organisation is transferConsentRule.
 */
export const caseTransferRule: WriteRule = {
  resourceTypes: ['Task'],
  async beforeWrite(repo, resource, previous) {
    const task = resource as Task;
    if (previous !== undefined || !isTransferTask(task) || importsHistory(repo.caller)) return task;
    const problems = transferProblems(task);
    if (problems.length > 0) throw unprocessable(problems.map((p) => issue('required', p.message, p.expression)));
    return task;
  },
  async afterWrite(repo, stored, previous) {
    const task = stored as Task;
    const accepted = task.status === 'accepted' && (previous as Task | undefined)?.status === 'requested';
    if (!isTransferTask(task) || !accepted || importsHistory(repo.caller)) return;
    await moveCase(repo, task);
  },
};

async function moveCase(repo: Repository, task: Task): Promise<void> {
  const server = repo.asServer('case transfer');
  const episodeId = parseReference(task.focus?.reference ?? '').targetId as string;
  const [episode] = await findResources<EpisodeOfCare>(server, 'EpisodeOfCare', [['_id', episodeId]]);
  if (episode === undefined) throw unprocessable([issue('not-found', `The case ${task.focus?.reference} to transfer does not exist`, 'Task.focus')]);
  const patientId = parseReference(episode.patient.reference ?? '').targetId as string;
  const [patient] = await findResources<Patient>(server, 'Patient', [['_id', patientId]]);
  const home = parseReference(patient?.managingOrganization?.reference ?? '').targetId ?? undefined;
  const receiving = await performerOrganization(server, task.owner ?? {}, home);
  const outside = receiving !== undefined && receiving !== home;
  await server.update(transferredCase(episode, task, outside ? receiving : undefined));
  const consents = await findResources<Consent>(server, 'Consent', [['patient', `Patient/${patientId}`]]);
  const now = repo.now();
  const consent = outside ? consentAllowing(consents, 'sharing', now, receiving) : consentAllowing(consents, 'services', now);
  const practitionerId = await receivingPractitioner(server, task);
  const caller = repo.caller;
  await repo.auditedAccess(
    { subtype: 'operation', action: 'E', patientIds: [patientId], resources: [`EpisodeOfCare/${episodeId}`], reason: 'grant-access: transfer' },
    (db) =>
      insertGrant(db, {
        patientId,
        ...(practitionerId ? { practitionerId } : { organizationId: receiving ?? home }),
        purpose: 'transfer',
        consentId: consent?.id,
        grantedBy: caller.kind === 'staff' ? caller.userId : 'server',
        now,
        expires: transferGrantEnd(now, consent?.provision?.period?.end),
      }),
  );
}

/** The practitioner who receives the case (a PractitionerRole stands for its practitioner); none for an organisation. */
async function receivingPractitioner(server: Repository, task: Task): Promise<string | undefined> {
  const { targetType, targetId } = parseReference(task.owner?.reference ?? '');
  if (!targetId) return undefined;
  if (targetType === 'Practitioner') return targetId;
  if (targetType !== 'PractitionerRole') return undefined;
  const [role] = await findResources<PractitionerRole>(server, 'PractitionerRole', [['_id', targetId]]);
  return parseReference(role?.practitioner?.reference ?? '').targetId ?? undefined;
}
