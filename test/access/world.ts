import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { rolePolicies } from '../../server/auth/policy.js';
import { staffRoles, type StaffRole } from '../../server/auth/principal.js';
import { currentTotpCode } from '../../server/auth/totp.js';
import { fhirClient, type TestServer } from '../support/server.js';

/**
 * A small world to test access against: the programme (organisation A) with two sites, a partner CSO (B),
 * one member of staff per role at site A1, a partner caseworker, and patients placed so that every rule of
 * the policy table decides something: unassigned at A1, managed by someone else, managed by the
 * caseworker, at the other site A2, and at the partner. Each patient has an ordinary Observation and a
 * Condition labelled PSY.
 */

export type PatientKey = 'unassignedA1' | 'managedByOtherA1' | 'managedByCaseworkerA1' | 'atSiteA2' | 'atPartner';
export const patientKeys: PatientKey[] = ['unassignedA1', 'managedByOtherA1', 'managedByCaseworkerA1', 'atSiteA2', 'atPartner'];

export interface Staff {
  key: string;
  role: StaffRole;
  organizationId: string;
  siteIds: string[];
  practitionerId: string;
  practitionerRoleId: string;
  fhir: ReturnType<typeof fhirClient>;
  token: string;
}

export interface PatientFacts {
  id: string;
  organizationId: string;
  siteId: string;
  careManagers: string[];
  observationId: string;
  psyConditionId: string;
}

export interface World {
  orgA: string;
  orgB: string;
  siteA1: string;
  siteA2: string;
  siteB: string;
  staff: Staff[];
  patients: Record<PatientKey, PatientFacts>;
  migration: ReturnType<typeof fhirClient>;
}

export const PSY = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' };
const SITE_EXT = 'https://hiwa.health/fhir/StructureDefinition/registration-site';

export async function buildWorld(server: TestServer): Promise<World> {
  const orgA = server.organizationId;
  const siteA1 = server.siteId;
  const siteA2 = (await createSite(server.auth, { name: 'Second site', organization: orgA })).id as string;
  const orgB = (await createOrganization(server.auth, { name: 'Partner CSO' })).id as string;
  const siteB = (await createSite(server.auth, { name: 'Partner site', organization: orgB })).id as string;

  const staff: Staff[] = [];
  const addStaff = async (key: string, role: StaffRole, organization: string, sites: string[]) => {
    const account = await server.createAccount({ username: key, role, organization, sites });
    const totp = account.totp ? currentTotpCode(account.totp.secret, new Date()) : undefined;
    const token = (await server.login(account.username, account.password, totp)).access_token;
    staff.push({
      key,
      role,
      organizationId: organization,
      siteIds: sites,
      practitionerId: account.practitionerId,
      practitionerRoleId: account.practitionerRoleId,
      fhir: fhirClient(server.fhirBase, { Authorization: `Bearer ${token}` }),
      token,
    });
  };
  for (const role of staffRoles) await addStaff(`a.${role}`, role, orgA, [siteA1]);
  await addStaff('b.caseworker', 'caseworker', orgB, [siteB]);

  const migration = fhirClient(server.fhirBase, { Authorization: `Bearer ${await server.dataMigrationToken()}` });
  const caseworkerA = staff.find((s) => s.key === 'a.caseworker') as Staff;
  const psychologistA = staff.find((s) => s.key === 'a.psychologist') as Staff;
  const place: Record<PatientKey, { org: string; site: string; manager?: string }> = {
    unassignedA1: { org: orgA, site: siteA1 },
    managedByOtherA1: { org: orgA, site: siteA1, manager: psychologistA.practitionerId },
    managedByCaseworkerA1: { org: orgA, site: siteA1, manager: caseworkerA.practitionerId },
    atSiteA2: { org: orgA, site: siteA2 },
    atPartner: { org: orgB, site: siteB },
  };
  const patients = {} as Record<PatientKey, PatientFacts>;
  for (const key of patientKeys) {
    const where = place[key];
    const created = async (resource: Record<string, unknown>): Promise<string> => {
      const res = await migration('POST', resource.resourceType as string, resource);
      if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    const id = await created({
      resourceType: 'Patient',
      name: [{ family: 'Matrix', given: [key] }],
      managingOrganization: { reference: `Organization/${where.org}` },
      extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${where.site}` } }],
    });
    if (where.manager) {
      await created({
        resourceType: 'EpisodeOfCare',
        status: 'active',
        patient: { reference: `Patient/${id}` },
        careManager: { reference: `Practitioner/${where.manager}` },
      });
    }
    const observationId = await created({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'wellbeing check' },
      subject: { reference: `Patient/${id}` },
    });
    const psyConditionId = await created({
      resourceType: 'Condition',
      meta: { security: [PSY] },
      code: { text: 'psychiatric diagnosis' },
      subject: { reference: `Patient/${id}` },
    });
    patients[key] = {
      id,
      organizationId: where.org,
      siteId: where.site,
      careManagers: where.manager ? [where.manager] : [],
      observationId,
      psyConditionId,
    };
  }
  return { orgA, orgB, siteA1, siteA2, siteB, staff, patients, migration };
}

/**
 * The oracle: what the policy table says about one member of staff and one patient's record, computed
 * from `rolePolicies` alone. 'denied' = the role may not touch clinical records at all (403).
 */
export function expectedAccess(member: Staff, patient: PatientFacts, psy: boolean): 'visible' | 'hidden' | 'denied' {
  const policy = rolePolicies[member.role];
  if (policy.patients === 'none') return 'denied';
  if (patient.organizationId !== member.organizationId) return 'hidden';
  const atSite = member.siteIds.includes(patient.siteId);
  const reaches =
    policy.patients === 'sites'
      ? atSite
      : patient.careManagers.includes(member.practitionerId) || (patient.careManagers.length === 0 && atSite);
  if (!reaches) return 'hidden';
  return psy && !policy.psy ? 'hidden' : 'visible';
}
