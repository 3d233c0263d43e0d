import type { Consent, EpisodeOfCare, Patient, Reference, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import { forbidden } from '../fhir/outcomes.js';
import { parseReference } from '../fhir/search/index-text.js';
import type { Repository, WriteRule } from '../store/repository.js';
import { findCaseClinicians } from './case-clinicians.js';
import { CLINICIANS_IN_WORDS, importsHistory } from './clinicians.js';
import { consentAllowing, decideConsentGate, overrideReason, type GatedPurpose } from './consent-gates.js';
import { findResources } from './find-resources.js';
import { isTransferTask } from './referral-task-machine.js';
import { endOfUtcDay } from './risk-review-task.js';
import { performerOrganization } from './staff-organizations.js';
import { workflowConflict } from './transition-refusal.js';
import { CONSENT_OVERRIDE_REASON_URL, taskTypeCode } from './workflow-codes.js';

/**
 * No case is opened, or made active, without the patient's active consent to services (409 naming it). Checked
 * after the write, inside its transaction, so that a Consent recorded in the same call (the consent form and
 * the case of a first visit) counts; a refusal rolls everything back.
 */
export const caseConsentRule: WriteRule = {
  resourceTypes: ['EpisodeOfCare'],
  async afterWrite(repo, stored, previous) {
    const episode = stored as EpisodeOfCare;
    const activated = episode.status === 'active' && (previous as EpisodeOfCare | undefined)?.status !== 'active';
    if ((previous !== undefined && !activated) || importsHistory(repo.caller)) return;
    const consents = await consentsOf(repo, episode.patient);
    const missing = 'an active consent to services (Consent with category consent-purpose|services)';
    await passGate(repo, episode, episode.patient, consentAllowing(consents, 'services', repo.now()) !== undefined, {
      purpose: 'services',
      refusal: `A case cannot be opened or made active without ${missing} for ${episode.patient.reference ?? 'the patient'}`,
      expression: 'EpisodeOfCare.patient',
    });
  },
};

/**
 * No referral to another organisation (a ServiceRequest whose performer belongs to an organisation other than
 * the patient's) without the patient's active consent to share with that organisation (409 naming it). Checked
 * when the request is made and whenever it names a new outside organisation.
 */
export const referralConsentRule: WriteRule = {
  resourceTypes: ['ServiceRequest'],
  async afterWrite(repo, stored, previous) {
    const request = stored as ServiceRequest;
    if (importsHistory(repo.caller) || ['revoked', 'completed', 'entered-in-error'].includes(request.status)) return;
    const home = await patientOrganization(repo, request.subject);
    const outside = async (r: ServiceRequest | undefined): Promise<string[]> => {
      const organizations = await Promise.all((r?.performer ?? []).map((p) => performerOrganization(repo, p, home)));
      return organizations.filter((o): o is string => o !== undefined && o !== home);
    };
    const before = new Set(await outside(previous as ServiceRequest | undefined));
    const added = [...new Set(await outside(request))].filter((o) => !before.has(o));
    if (added.length === 0) return;
    const consents = await consentsOf(repo, request.subject);
    for (const organization of added) {
      await passGate(repo, request, request.subject, consentAllowing(consents, 'sharing', repo.now(), organization) !== undefined, {
        purpose: 'sharing',
        refusal: `A referral to Organization/${organization} needs the patient's active consent to share with it (Consent with category consent-purpose|sharing naming Organization/${organization} in provision.actor)`,
        expression: 'ServiceRequest.performer',
      });
    }
  },
};

/**
 * No transfer of a case to another organisation (a transfer Task whose owner belongs to an organisation other
 * than the patient's) without the patient's active consent to share with it: checked when the transfer is
 * asked for and again when the receiver accepts it (the consent may have been withdrawn in between).
 */
export const transferConsentRule: WriteRule = {
  resourceTypes: ['Task'],
  async afterWrite(repo, stored, previous) {
    const task = stored as Task;
    const accepted = task.status === 'accepted' && (previous as Task | undefined)?.status !== 'accepted';
    if (!isTransferTask(task) || (previous !== undefined && !accepted) || importsHistory(repo.caller) || task.owner === undefined) return;
    const home = await patientOrganization(repo, task.for);
    const receiving = await performerOrganization(repo, task.owner, home);
    if (receiving === undefined || receiving === home) return;
    const consents = await consentsOf(repo, task.for);
    await passGate(repo, task, task.for, consentAllowing(consents, 'sharing', repo.now(), receiving) !== undefined, {
      purpose: 'sharing',
      refusal: `A transfer to Organization/${receiving} needs the patient's active consent to share with it (Consent with category consent-purpose|sharing naming Organization/${receiving} in provision.actor)`,
      expression: 'Task.owner',
    });
  },
};

interface Gate {
  purpose: GatedPurpose;
  refusal: string;
  expression: string;
}

async function passGate(repo: Repository, written: Resource, patient: Reference | undefined, consentFound: boolean, gate: Gate): Promise<void> {
  const decision = decideConsentGate(consentFound, overrideReason(written as { extension?: [] }), repo.caller);
  if (decision.kind === 'allowed') return;
  if (decision.kind === 'missing-consent') throw workflowConflict(gate.refusal, gate.expression);
  if (decision.kind === 'override-forbidden') {
    throw forbidden(`Only ${CLINICIANS_IN_WORDS} may go ahead without consent (${CONSENT_OVERRIDE_REASON_URL}), for a risk to life`);
  }
  await recordOverride(repo, written, patient, decision.reason, gate.purpose);
}

/**
 * A clinician went ahead without consent for a risk to life: the reason goes into the audit trail as an event
 * of its own, and the patient's supervisors get an urgent Task to review it today.
 */
async function recordOverride(repo: Repository, written: Resource, patient: Reference | undefined, reason: string, purpose: GatedPurpose): Promise<void> {
  const resource = `${written.resourceType}/${written.id ?? ''}`;
  const patientId = parseReference(patient?.reference ?? '').targetId;
  await repo.auditedAccess(
    { subtype: 'consent-override', action: 'E', patientIds: patientId ? [patientId] : [], resources: [resource], reason: `no ${purpose} consent: ${reason}` },
    async () => undefined,
  );
  const addressees = await findCaseClinicians(repo, patient);
  const caller = repo.caller;
  const now = repo.now();
  const review: Task = {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: 'urgent',
    code: taskTypeCode('consent-override-review'),
    description: `Recorded without the patient's ${purpose} consent, for a risk to life: ${reason}`,
    // the clinician's own words apart from the server's sentence, for a client to show under its own heading
    reasonCode: { text: reason },
    focus: { reference: resource },
    ...(patient === undefined ? {} : { for: patient }),
    authoredOn: now.toISOString(),
    ...(caller.kind === 'staff' ? { requester: { reference: `Practitioner/${caller.practitionerId}` } } : {}),
    performerType: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor', display: 'Supervisor' }], text: "The patient's supervisors" }],
    restriction: { period: { end: endOfUtcDay(now).toISOString() }, ...(addressees.supervisors.length === 0 ? {} : { recipient: addressees.supervisors }) },
  };
  await repo.asServer('consent override review').create(review);
}

async function consentsOf(repo: Repository, patient: Reference | undefined): Promise<Consent[]> {
  if (patient?.reference === undefined) return [];
  return findResources<Consent>(repo.asServer('consent gate'), 'Consent', [['patient', patient.reference]]);
}

/** The organisation that holds the patient's record; a referral outside it is sharing. */
async function patientOrganization(repo: Repository, subject: Reference | undefined): Promise<string | undefined> {
  const id = parseReference(subject?.reference ?? '').targetId;
  if (!id) return repo.caller.kind === 'staff' ? repo.caller.organizationId : undefined;
  const [patient] = await findResources<Patient>(repo.asServer('organisation of a patient'), 'Patient', [['_id', id]]);
  const caller = repo.caller;
  return parseReference(patient?.managingOrganization?.reference ?? '').targetId ?? (caller.kind === 'staff' ? caller.organizationId : undefined);
}
