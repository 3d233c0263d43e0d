import type { Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import type { StaffRole } from '../auth/principal.js';

const STAFF_ROLE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/staff-role';

export interface StaffMember {
  practitionerId: string;
  name: string;
  role: StaffRole;
}

/** A practitioner's name as the directory gives it (its text, or given names and family name). */
export function practitionerName(practitioner: Practitioner | undefined): string | undefined {
  const name = practitioner?.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
}

/**
 * One entry per person, named from the included Practitioner, in name order: someone who holds a role at
 * several sites has a PractitionerRole for each, and is still one member of staff.
 */
export function staffMembers(roles: readonly PractitionerRole[], included: readonly Resource[], wanted: readonly StaffRole[]): StaffMember[] {
  const practitioners = new Map(included.flatMap((r) => (r.resourceType === 'Practitioner' && r.id ? [[r.id, r] as const] : [])));
  const members = new Map<string, StaffMember>();
  for (const pr of roles) {
    const id = pr.practitioner?.reference?.replace(/^Practitioner\//, '');
    const role = wanted.find((w) => pr.code?.some((c) => c.coding?.some((coding) => coding.system === STAFF_ROLE_SYSTEM && coding.code === w)));
    if (!id || !role || members.has(id)) continue;
    members.set(id, { practitionerId: id, name: practitionerName(practitioners.get(id)) ?? pr.practitioner?.display ?? id, role });
  }
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The active staff holding any of `roles` that the caller may see, from the directory (PractitionerRole with
 * its Practitioner); only those of one organisation when `organizationId` is given.
 */
export async function loadStaff(fhir: FhirClient, roles: readonly StaffRole[], organizationId?: string): Promise<StaffMember[]> {
  const { matches, included } = await fhir.search<PractitionerRole>('PractitionerRole', {
    role: roles.map((role) => `${STAFF_ROLE_SYSTEM}|${role}`).join(','),
    ...(organizationId === undefined ? {} : { organization: `Organization/${organizationId}` }),
    active: 'true',
    _include: 'PractitionerRole:practitioner',
    _count: '500',
  });
  return staffMembers(matches, included, roles);
}

/**
 * Names of staff by reference (`Practitioner/<id>`, or `PractitionerRole/<id>` named by its Practitioner), from
 * the Practitioners and roles found: whom a task went to, who recorded a note.
 */
export function staffNamesByReference(practitioners: readonly Practitioner[], roles: readonly PractitionerRole[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of practitioners) {
    const name = practitionerName(p);
    if (p.id && name) names.set(`Practitioner/${p.id}`, name);
  }
  for (const role of roles) {
    const name = names.get(role.practitioner?.reference ?? '') ?? role.practitioner?.display;
    if (role.id && name) names.set(`PractitionerRole/${role.id}`, name);
  }
  return names;
}

/** The names of the staff these references point at, as far as the caller may see them (a name not found is left out). */
export async function loadStaffNames(fhir: FhirClient, references: readonly string[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(references.filter((r) => r.startsWith(`${type}/`)).map((r) => r.slice(type.length + 1)))];
  const [practitionerIds, roleIds] = [ids('Practitioner'), ids('PractitionerRole')];
  const [practitioners, roles] = await Promise.all([
    practitionerIds.length === 0 ? undefined : fhir.search<Practitioner>('Practitioner', { _id: practitionerIds.join(','), _count: '100' }),
    roleIds.length === 0 ? undefined : fhir.search<PractitionerRole>('PractitionerRole', { _id: roleIds.join(','), _include: 'PractitionerRole:practitioner', _count: '100' }),
  ]);
  const included = (roles?.included ?? []).filter((r): r is Practitioner => r.resourceType === 'Practitioner');
  return staffNamesByReference([...(practitioners?.matches ?? []), ...included], roles?.matches ?? []);
}
