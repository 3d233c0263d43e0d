import type { Consent, Patient, PractitionerRole, Resource, Task } from '@medplum/fhirtypes';
import { parseReference } from '../fhir/search/index-text.js';
import { recordedUnderReferral, replaceReferralAccess, type ReferralRecipient } from '../store/referral-access.js';
import type { Repository, WriteRule } from '../store/repository.js';
import { consentAllowing, overrideReason } from './consent-gates.js';
import { findResources } from './find-resources.js';
import { referredResources, type ConsentBasis } from './referral-access.js';
import { isHandoverTask } from './referral-task-machine.js';
import { performerOrganization } from './staff-organizations.js';

/**
 * Keeps what each referral or transfer lets its recipient read (referral-access.ts) current, in the
 * transaction of the write that changes it: the Task (its status, owner, inputs), its ServiceRequest (the
 * records chosen), and the patient's Consents (a withdrawal ends the access at once, a new consent opens it).
 */
export const referralAccessRule: WriteRule = {
  resourceTypes: ['Task', 'ServiceRequest', 'Consent'],
  async afterWrite(repo, stored, previous) {
    const server = repo.asServer('referral access');
    // Once per Task and transaction, on what the transaction leaves: a referral writes its ServiceRequest and
    // Task together, a consent form several Consents, and each would otherwise work the access out again.
    for (const task of await tasksAffected(server, stored, previous)) await repo.atCommit(`referral access ${task.id}`, () => refresh(server, task));
  },
};

async function tasksAffected(server: Repository, stored: Resource, previous: Resource | undefined): Promise<(Task & { id: string })[]> {
  if (stored.resourceType === 'Task') {
    return isHandoverTask(stored) || (previous !== undefined && isHandoverTask(previous as Task)) ? [stored as Task & { id: string }] : [];
  }
  const params: [string, string][] =
    stored.resourceType === 'ServiceRequest' ? [['focus', `ServiceRequest/${stored.id}`]] : [['patient', (stored as Consent).patient?.reference ?? '']];
  if (params[0][1] === '') return [];
  const tasks = await findResources<Task>(server, 'Task', params);
  return tasks.filter((t): t is Task & { id: string } => isHandoverTask(t));
}

async function refresh(server: Repository, task: Task & { id: string }): Promise<void> {
  const recipient = isHandoverTask(task) ? await recipientOf(server, task) : undefined;
  const focus = await resourceAt(server, task.focus?.reference);
  const basis = recipient === undefined ? ({ kind: 'none' } as const) : await consentBasis(server, task, focus);
  await server.auditedAccess({ subtype: 'operation', action: 'E' }, async (db) => {
    const resources = referredResources(task, focus, basis, await recordedUnderReferral(db, task.id));
    await replaceReferralAccess(db, task.id, recipient, resources);
  });
}

/** The owner as a practitioner (a PractitionerRole stands for its practitioner) or an organisation. */
async function recipientOf(server: Repository, task: Task): Promise<ReferralRecipient | undefined> {
  const { targetType, targetId } = parseReference(task.owner?.reference ?? '');
  if (!targetId) return undefined;
  if (targetType === 'Practitioner') return { practitionerId: targetId };
  if (targetType === 'Organization') return { organizationId: targetId };
  if (targetType !== 'PractitionerRole') return undefined;
  const [role] = await findResources<PractitionerRole>(server, 'PractitionerRole', [['_id', targetId]]);
  const practitionerId = parseReference(role?.practitioner?.reference ?? '').targetId;
  const organizationId = parseReference(role?.organization?.reference ?? '').targetId;
  return practitionerId ? { practitionerId } : organizationId ? { organizationId } : undefined;
}

/**
 * The consent the referral rests on: within the patient's organisation their consent to services, to another
 * organisation their consent to share with it; failing that, a clinician's override for a risk to life.
 */
async function consentBasis(server: Repository, task: Task, focus: Resource | undefined): Promise<ConsentBasis> {
  const patient = await resourceAt(server, task.for?.reference);
  if (patient?.resourceType !== 'Patient') return { kind: 'none' };
  const home = parseReference((patient as Patient).managingOrganization?.reference ?? '').targetId ?? undefined;
  const receiving = task.owner === undefined ? undefined : await performerOrganization(server, task.owner, home);
  const consents = await findResources<Consent>(server, 'Consent', [['patient', `Patient/${patient.id}`]]);
  const now = server.now();
  const consent =
    receiving !== undefined && receiving !== home ? consentAllowing(consents, 'sharing', now, receiving) : consentAllowing(consents, 'services', now);
  if (consent !== undefined) return { kind: 'consent', ...(consent.provision?.period?.end === undefined ? {} : { until: consent.provision.period.end }) };
  const overridden = [task, focus].some((r) => r !== undefined && overrideReason(r as { extension?: [] }) !== undefined);
  return overridden ? { kind: 'override' } : { kind: 'none' };
}

async function resourceAt(server: Repository, reference: string | undefined): Promise<Resource | undefined> {
  const { targetType, targetId } = parseReference(reference ?? '');
  if (!targetType || !targetId) return undefined;
  const [found] = await findResources<Resource>(server, targetType as Resource['resourceType'], [['_id', targetId]]);
  return found;
}
