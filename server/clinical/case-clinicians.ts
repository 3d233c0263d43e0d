import type { EpisodeOfCare, Patient, Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import { FhirError } from '../fhir/outcomes.js';
import { REGISTRATION_SITE_URL } from '../store/patient-access.js';
import type { Repository } from '../store/repository.js';
import { findResources } from './find-resources.js';

/** Who answers for a patient's care: the case's clinician, and the supervisors of the patient's site. */
export interface CaseClinicians {
  /** careManager of the patient's open case (EpisodeOfCare), when there is one */
  clinician?: Reference<Practitioner | PractitionerRole>;
  /** the active supervisor roles at the patient's registration site (or, without a site, of their organisation) */
  supervisors: Reference<PractitionerRole>[];
}

/** A case still held by its case manager (the statuses `patient_access` also counts). */
const OPEN_CASE = 'planned,waitlist,active,onhold';

/**
 * Looks them up as the server: a risk alert must reach them whether or not the person who recorded the
 * answer can see the case or the staff directory.
 */
export async function findCaseClinicians(repo: Repository, subject: Reference | undefined): Promise<CaseClinicians> {
  const patientId = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(subject?.reference ?? '')?.[1];
  if (patientId === undefined) return { supervisors: [] };
  const server = repo.asServer('risk alert addressees');
  const cases = await findResources<EpisodeOfCare>(server, 'EpisodeOfCare', [['patient', `Patient/${patientId}`], ['status', OPEN_CASE]]);
  const patient = await readPatient(server, patientId);
  return { ...clinicianOf(cases), supervisors: await supervisorsFor(server, patient) };
}

/** The care manager of the open case most recently changed, an active one before one merely planned. */
function clinicianOf(cases: EpisodeOfCare[]): Pick<CaseClinicians, 'clinician'> {
  const managed = cases
    .filter((c) => c.careManager?.reference !== undefined)
    .sort((a, b) => activeFirst(a, b) || (b.meta?.lastUpdated ?? '').localeCompare(a.meta?.lastUpdated ?? ''));
  const manager = managed[0]?.careManager;
  return manager === undefined ? {} : { clinician: manager };
}

function activeFirst(a: EpisodeOfCare, b: EpisodeOfCare): number {
  return Number(b.status === 'active') - Number(a.status === 'active');
}

async function supervisorsFor(repo: Repository, patient: Patient | undefined): Promise<Reference<PractitionerRole>[]> {
  const site = patient?.extension?.find((e) => e.url === REGISTRATION_SITE_URL)?.valueReference?.reference;
  const organization = patient?.managingOrganization?.reference;
  const where: [string, string] | undefined = site ? ['location', site] : organization ? ['organization', organization] : undefined;
  if (where === undefined) return [];
  const roles = await findResources<PractitionerRole>(repo, 'PractitionerRole', [
    ['role', `${STAFF_ROLE_SYSTEM}|supervisor`],
    ['active', 'true'],
    where,
  ]);
  return roles.map((role) => {
    const display = role.practitioner?.display;
    return { reference: `PractitionerRole/${role.id}`, ...(display === undefined ? {} : { display }) };
  });
}

/** A response may name a patient this server does not hold; the alert then goes to no one by name. */
async function readPatient(repo: Repository, id: string): Promise<Patient | undefined> {
  try {
    return (await repo.read('Patient', id)).resource as Patient;
  } catch (err) {
    if (err instanceof FhirError && (err.status === 404 || err.status === 410)) return undefined;
    throw err;
  }
}
