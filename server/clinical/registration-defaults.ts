import type { Patient, Resource } from '@medplum/fhirtypes';
import type { Principal } from '../auth/principal.js';
import { REGISTRATION_SITE_URL } from '../store/patient-access.js';

/**
 * A beneficiary registered by a member of staff belongs to that person's organisation, and to their site
 * when they work at exactly one; what the client states explicitly is kept (and then checked by access).
 */
export function withRegistrationDefaults<T extends Resource>(resource: T, principal: Principal): T {
  if (resource.resourceType !== 'Patient' || principal.kind !== 'staff') return resource;
  const patient = resource as Patient;
  const withOrg: Patient = patient.managingOrganization
    ? patient
    : { ...patient, managingOrganization: { reference: `Organization/${principal.organizationId}` } };
  const hasSite = (withOrg.extension ?? []).some((e) => e.url === REGISTRATION_SITE_URL);
  if (hasSite || principal.siteIds.length !== 1) return withOrg as T;
  return {
    ...withOrg,
    extension: [
      ...(withOrg.extension ?? []),
      { url: REGISTRATION_SITE_URL, valueReference: { reference: `Location/${principal.siteIds[0]}` } },
    ],
  } as T;
}

/** The organisation a stored row belongs to, for access: a Patient's own, otherwise the writer's. */
export function owningOrganization(resource: Resource, principal: Principal): string | null {
  if (resource.resourceType === 'Patient') {
    const m = /^Organization\/(.+)$/.exec((resource as Patient).managingOrganization?.reference ?? '');
    return m ? m[1] : null;
  }
  if (principal.kind === 'staff') return principal.organizationId;
  if (principal.kind === 'system') return principal.organizationId ?? null;
  return null;
}
