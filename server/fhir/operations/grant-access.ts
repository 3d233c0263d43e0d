import type { Consent, Parameters } from '@medplum/fhirtypes';
import { rolePolicies } from '../../auth/policy.js';
import { practitionerOrganization } from '../../clinical/staff-organizations.js';
import type { Repository } from '../../store/repository.js';
import { insertGrant } from '../../store/access-records.js';
import { badRequest, FhirError, forbidden, issue, outcome, unprocessable } from '../outcomes.js';
import type { Operation } from './operation.js';
import { dateTimeParam, referenceParam, requireParameters, stringParam } from './parameters.js';

const purposes = new Set(['referral', 'transfer', 'sharing']);
const MAX_GRANT_DAYS = 365;

/**
 * `Patient/{id}/$grant-access`: gives another organisation, or a practitioner, access to one patient for a
 * purpose and until a date. Access for another organisation needs the patient's active Consent to share
 * with it, and never lasts beyond that Consent: the grant names it and dies with it.
 */
export const grantAccessOperation: Operation = {
  appliesTo: ['Patient'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Patient-grant-access',
    url: 'https://hiwa.health/fhir/OperationDefinition/Patient-grant-access',
    name: 'GrantAccess',
    status: 'active',
    kind: 'operation',
    code: 'grant-access',
    system: false,
    type: false,
    instance: true,
    parameter: [
      { name: 'organization', use: 'in', min: 0, max: '1', type: 'Reference' },
      { name: 'practitioner', use: 'in', min: 0, max: '1', type: 'Reference' },
      { name: 'purpose', use: 'in', min: 1, max: '1', type: 'code' },
      { name: 'expires', use: 'in', min: 1, max: '1', type: 'dateTime' },
      { name: 'consent', use: 'in', min: 0, max: '1', type: 'Reference' },
      { name: 'grant', use: 'out', min: 1, max: '1', type: 'string' },
      { name: 'expires', use: 'out', min: 1, max: '1', type: 'instant' },
    ],
  },
  async handler(repo, req, target) {
    const caller = repo.caller;
    if (caller.kind !== 'staff' || !rolePolicies[caller.role].clinicalWrite) {
      throw forbidden('Only clinical staff may give access to a patient');
    }
    const params = requireParameters(req.body);
    const organizationId = referenceParam(params, 'organization', 'Organization');
    const practitionerId = referenceParam(params, 'practitioner', 'Practitioner');
    if (!organizationId === !practitionerId) {
      throw badRequest('Give access to exactly one organization or one practitioner', 'Parameters.parameter');
    }
    const purpose = stringParam(params, 'purpose', { required: true });
    if (!purposes.has(purpose)) throw badRequest(`purpose must be one of ${[...purposes].join(', ')}`, "Parameters.parameter.where(name='purpose')");
    const requested = dateTimeParam(params, 'expires');
    if (!requested) throw badRequest('expires is required', "Parameters.parameter.where(name='expires')");
    const consentId = referenceParam(params, 'consent', 'Consent');
    const patientId = target.id as string;

    const grant = await repo.transaction(async (tx) => {
      await tx.read('Patient', patientId); // the caller must reach the patient to share them
      const now = tx.now();
      let expires = requested;
      if (expires <= now) throw badRequest('expires must be in the future', "Parameters.parameter.where(name='expires')");
      if (expires.getTime() - now.getTime() > MAX_GRANT_DAYS * 86_400_000) {
        throw badRequest(`A grant lasts at most ${MAX_GRANT_DAYS} days`, "Parameters.parameter.where(name='expires')");
      }
      // A practitioner of another organisation is shared with as that organisation is: through its consent.
      const sharedWith = organizationId ?? (await sharedPractitionerOrganization(tx, practitionerId as string, caller.organizationId));
      const outside = sharedWith !== caller.organizationId;
      if (outside) {
        if (!consentId) {
          throw consentRefusal("Sharing with another organisation needs the patient's consent to share with it");
        }
        const consent = (await tx.read('Consent', consentId)).resource as Consent;
        checkConsentAllows(consent, patientId, sharedWith, now);
        const consentEnd = consent.provision?.period?.end ? new Date(consent.provision.period.end) : undefined;
        if (consentEnd && consentEnd < expires) expires = consentEnd;
      }
      const id = await tx.auditedAccess(
        { subtype: 'operation', action: 'E', patientIds: [patientId], resources: [`Patient/${patientId}`], reason: `grant-access: ${purpose}` },
        (db) =>
          insertGrant(db, {
            patientId,
            organizationId,
            practitionerId,
            purpose,
            consentId: outside ? consentId : undefined,
            grantedBy: caller.userId,
            now,
            expires,
          }),
      );
      return { id, expires };
    });
    const out: Parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'grant', valueString: grant.id },
        { name: 'expires', valueInstant: grant.expires.toISOString() },
      ],
    };
    return { status: 200, body: out };
  },
};

/** The organisation of a practitioner shared with; a practitioner with no active role is refused. */
async function sharedPractitionerOrganization(tx: Repository, practitionerId: string, callerOrganizationId: string): Promise<string> {
  const organization = await practitionerOrganization(tx, practitionerId, callerOrganizationId);
  if (organization === undefined) {
    throw unprocessable([issue('business-rule', 'This practitioner works for no organisation known here', "Parameters.parameter.where(name='practitioner')")]);
  }
  return organization;
}

/** An active Consent of this patient that permits sharing with this organisation, now. */
function checkConsentAllows(consent: Consent, patientId: string, organizationId: string, now: Date): void {
  const problems: string[] = [];
  if (consent.status !== 'active') problems.push('is not active');
  if (consent.patient?.reference !== `Patient/${patientId}`) problems.push('is not this patient\'s');
  if (consent.provision?.type === 'deny') problems.push('denies sharing');
  const actors = (consent.provision?.actor ?? []).map((a) => a.reference?.reference);
  if (!actors.includes(`Organization/${organizationId}`)) problems.push('does not name this organisation');
  const period = consent.provision?.period;
  if (period?.end && new Date(period.end) <= now) problems.push('has ended');
  if (period?.start && new Date(period.start) > now) problems.push('has not started');
  if (problems.length > 0) {
    throw consentRefusal(`The consent ${problems.join(', ')}`);
  }
}

/** Sharing without the consent it needs conflicts with the patient's record of consent: 409, like every consent gate. */
function consentRefusal(message: string): FhirError {
  return new FhirError(409, outcome(issue('business-rule', message, "Parameters.parameter.where(name='consent')")));
}
