import type { Location, Organization } from '@medplum/fhirtypes';
import type { FhirClient } from '../../api/fhir-client.js';

export interface Directory {
  organizations: Organization[];
  sites: Location[];
}

/** Organisations and their sites (Locations), for naming them in the users list and choosing them in the form. */
export async function loadDirectory(fhir: FhirClient): Promise<Directory> {
  const [organizations, sites] = await Promise.all([
    fhir.search<Organization>('Organization', { _elements: 'name', _sort: 'name', _count: '500' }),
    fhir.search<Location>('Location', { _elements: 'name,managingOrganization', _sort: 'name', _count: '1000' }),
  ]);
  return { organizations: organizations.matches, sites: sites.matches };
}

export function sitesOf(directory: Directory, organizationId: string): Location[] {
  return directory.sites.filter((site) => site.managingOrganization?.reference === `Organization/${organizationId}`);
}

export function nameById(resources: readonly (Organization | Location)[]): Map<string, string> {
  return new Map(resources.flatMap((r) => (r.id ? [[r.id, r.name ?? r.id] as [string, string]] : [])));
}
