import type { HealthcareService, PractitionerRole, Reference } from '@medplum/fhirtypes';
import { parseReference } from '../fhir/search/index-text.js';
import type { Repository } from '../store/repository.js';
import { findResources } from './find-resources.js';

/**
 * The organisation a practitioner works for: `preferred` when one of the practitioner's active roles is
 * there, otherwise that of another active role; undefined with no active role. Looked up as the server, since
 * staff need not see the directory of another organisation.
 */
export async function practitionerOrganization(repo: Repository, practitionerId: string, preferred: string | undefined): Promise<string | undefined> {
  const roles = await findResources<PractitionerRole>(repo.asServer('organisation of a practitioner'), 'PractitionerRole', [
    ['practitioner', `Practitioner/${practitionerId}`],
    ['active', 'true'],
  ]);
  const organizations = roles.flatMap((r) => organizationIdOf(r.organization));
  return preferred !== undefined && organizations.includes(preferred) ? preferred : organizations[0];
}

/**
 * The organisation a performer (of a referral) belongs to: itself, a role's or a service's organisation, or
 * a practitioner's (see above). Undefined for anything else, such as an outside provider recorded by name.
 */
export async function performerOrganization(repo: Repository, performer: Reference, preferred: string | undefined): Promise<string | undefined> {
  const { targetType, targetId } = parseReference(performer.reference ?? '');
  if (!targetId) return undefined;
  if (targetType === 'Organization') return targetId;
  if (targetType === 'Practitioner') return practitionerOrganization(repo, targetId, preferred);
  if (targetType !== 'PractitionerRole' && targetType !== 'HealthcareService') return undefined;
  const found = await findResources<PractitionerRole | HealthcareService>(repo.asServer('organisation of a performer'), targetType, [['_id', targetId]]);
  const target = found[0];
  if (target === undefined) return undefined;
  return organizationIdOf(target.resourceType === 'PractitionerRole' ? target.organization : target.providedBy)[0];
}

function organizationIdOf(reference: Reference | undefined): string[] {
  const { targetType, targetId } = parseReference(reference?.reference ?? '');
  return targetType === 'Organization' && targetId ? [targetId] : [];
}
