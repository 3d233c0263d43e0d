import type { Location, Organization } from '@medplum/fhirtypes';
import type { FhirClient } from '../../api/fhir-client.js';
import type { SelectOption } from '../../components/Select.js';

export interface Directory {
  organizations: Organization[];
  sites: Location[];
}

/**
 * Organisations and their sites (Locations), read through /fhir as the admin: for naming them in the lists,
 * choosing them in the forms, and the organisations page (type, governorate and kind of site).
 */
export async function loadDirectory(fhir: FhirClient): Promise<Directory> {
  const [organizations, sites] = await Promise.all([
    fhir.search<Organization>('Organization', { _elements: 'name,type', _sort: 'name', _count: '500' }),
    fhir.search<Location>('Location', { _elements: 'name,managingOrganization,address,type', _sort: 'name', _count: '1000' }),
  ]);
  return { organizations: organizations.matches, sites: sites.matches };
}

/** The organisations as choices in a form, by name. */
export function organizationOptions(directory: Directory): SelectOption[] {
  return directory.organizations.flatMap((o) => (o.id ? [{ value: o.id, label: o.name ?? o.id }] : []));
}

export function sitesOf(directory: Directory, organizationId: string): Location[] {
  return directory.sites.filter((site) => site.managingOrganization?.reference === `Organization/${organizationId}`);
}

export function nameById(resources: readonly (Organization | Location)[]): Map<string, string> {
  return new Map(resources.flatMap((r) => (r.id ? [[r.id, r.name ?? r.id] as [string, string]] : [])));
}
