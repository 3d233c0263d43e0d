import type { MeasureReport, Patient, Resource } from '@medplum/fhirtypes';
import type { Principal } from '../auth/principal.js';
import { issue, unprocessable } from '../fhir/outcomes.js';
import { REGISTRATION_SITE_URL } from '../store/patient-access.js';

/**
 * A beneficiary registered by a member of staff belongs to that person's organisation, and to their site
 * when they work at exactly one; what the client states explicitly is kept (and then checked by access).
 * Staff of several sites must say which: without it the beneficiary would belong to no site, outside
 * their own reach, so the refusal (422) names the extension and the sites to choose from.
 */
export function withRegistrationDefaults<T extends Resource>(resource: T, principal: Principal): T {
  if (resource.resourceType !== 'Patient' || principal.kind !== 'staff') return resource;
  const patient = resource as Patient;
  const withOrg: Patient = patient.managingOrganization
    ? patient
    : { ...patient, managingOrganization: { reference: `Organization/${principal.organizationId}` } };
  // Not a list: not a resource Hiwa can take; validation refuses it, naming Patient.extension.
  if (withOrg.extension !== undefined && !Array.isArray(withOrg.extension)) return withOrg as T;
  const hasSite = (withOrg.extension ?? []).some((e) => e.url === REGISTRATION_SITE_URL);
  if (hasSite || principal.siteIds.length === 0) return withOrg as T;
  if (principal.siteIds.length > 1) {
    const sites = principal.siteIds.map((id) => `Location/${id}`).join(', ');
    throw unprocessable([
      issue(
        'required',
        `You work at several sites: give the registration site (extension ${REGISTRATION_SITE_URL}), one of ${sites}`,
        `Patient.extension('${REGISTRATION_SITE_URL}')`,
      ),
    ]);
  }
  return {
    ...withOrg,
    extension: [
      ...(withOrg.extension ?? []),
      { url: REGISTRATION_SITE_URL, valueReference: { reference: `Location/${principal.siteIds[0]}` } },
    ],
  } as T;
}

/**
 * The organisation a stored row belongs to, for access: a Patient's own, a report the server stores its
 * reporter's (whoever asked for it), otherwise the writer's.
 */
export function owningOrganization(resource: Resource, principal: Principal): string | null {
  if (resource.resourceType === 'Patient') {
    const m = /^Organization\/(.+)$/.exec((resource as Patient).managingOrganization?.reference ?? '');
    return m ? m[1] : null;
  }
  if (resource.resourceType === 'MeasureReport' && principal.kind === 'internal') {
    const m = /^Organization\/(.+)$/.exec((resource as MeasureReport).reporter?.reference ?? '');
    return m ? m[1] : null;
  }
  if (principal.kind === 'staff') return principal.organizationId;
  if (principal.kind === 'system') return principal.organizationId ?? null;
  return null;
}
