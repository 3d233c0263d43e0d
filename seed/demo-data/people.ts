import type { Address, Coding, Extension, Patient, Reference, RelatedPerson } from '@medplum/fhirtypes';
import { REGISTRATION_SITE_URL } from '../../server/store/patient-access.js';
import type { Community } from '../names.js';
import { randomFor, type Random } from '../prng.js';
import { CASE_NUMBER_SYSTEM, names } from '../synthetic.js';
import type { DemoActor, DemoContext, DemoSite } from './context.js';
import { roster, type RosterEntry, type Story } from './roster.js';
import { communityAt, siteProfile, type SiteProfile } from './sites.js';
import { DAY, dateOf, uuidFrom } from './time.js';

export { DEMO_SEED } from './seed.js';

/** Marks the demo's beneficiaries as test data (HL7's "test health data"), so they can be told apart and found. */
export const DEMO_DATA_TAG: Coding = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST', display: 'test health data' };

const HIWA_PATIENT = 'https://hiwa.health/fhir/StructureDefinition/hiwa-patient';
export const POPULATION_GROUP_URL = 'https://hiwa.health/fhir/StructureDefinition/population-group';
export const DISABILITY_URL = 'https://hiwa.health/fhir/StructureDefinition/disability';
const ESTIMATED_AGE = 'https://hiwa.health/fhir/StructureDefinition/estimated-age';
const MARITAL_STATUS = 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus';
const LANGUAGES: Record<string, string> = { ar: 'Arabic', kmr: 'Northern Kurdish', ckb: 'Central Kurdish' };

/** One beneficiary of the demo, with what the rest of their record is built from. */
export interface DemoPerson {
  index: number;
  entry: RosterEntry;
  site: DemoSite;
  profile: SiteProfile;
  /** who registered them (the member of staff working at their site) */
  registrar: DemoActor;
  /** who holds their case once it is assigned */
  clinician?: DemoActor;
  patient: Patient & { id: string };
  caregiver?: RelatedPerson & { id: string };
  reference: Reference<Patient>;
  /** how distressed they were at intake, 0–1 (PHQ-9 and SRQ-20 answers follow it) */
  severity: number;
  /** share of their distress that eases each month of support */
  monthlyImprovement: number;
  /** the person's own random stream: their record is the same whatever else the demo holds */
  rnd: Random;
  /** the next id of one of their resources */
  newId: () => string;
}

/** The people of the hand-written roster, then those of `more` (the generated population), numbered on. */
export function demoPeople(context: DemoContext, more: readonly RosterEntry[] = []): DemoPerson[] {
  return [...roster, ...more].map((entry, index) => demoPerson(context, entry, index));
}

export function demoPerson(context: DemoContext, entry: RosterEntry, index: number): DemoPerson {
  const site = context.sites.get(entry.site);
  if (site === undefined) throw new Error(`demo data: no demo site named ${entry.site}`);
  const rnd = randomFor(context.seed, 'demo-person', index);
  const idStream = randomFor(context.seed, 'demo-ids', index);
  const newId = (): string => uuidFrom(idStream);
  const profile = siteProfile(site);
  const community = communityAt(profile, rnd.next());
  const language = community === 'kurd' ? profile.kurdishLanguage : 'ar';
  const household: Household = { rnd, newId, community, language, address: homeAddress(profile, site, index) };
  const patient = beneficiary(household, context, entry, site, caseNumber(site, index));
  const reference: Reference<Patient> = { reference: `Patient/${patient.id}`, display: patient.name?.[0]?.text ?? '' };
  const caregiver = entry.child ? mother(household, reference) : undefined;
  return {
    index,
    entry,
    site,
    profile,
    registrar: registrarAt(context, site),
    clinician: entry.manager ?? entry.transferredTo,
    patient,
    ...(caregiver === undefined ? {} : { caregiver }),
    reference,
    // Most get better by 12–30 % a month; a quarter hardly change.
    ...(entry.story === undefined
      ? { severity: 0.3 + rnd.next() * 0.5, monthlyImprovement: rnd.chance(0.25) ? rnd.next() * 0.05 : 0.12 + rnd.next() * 0.18 }
      : storyDistress[entry.story]),
    rnd,
    newId,
  };
}

/** What a person and their family have in common. */
interface Household {
  rnd: Random;
  newId: () => string;
  community: Community;
  language: string;
  address: Address;
}

function beneficiary(household: Household, context: DemoContext, entry: RosterEntry, site: DemoSite, caseNumber: string): DemoPerson['patient'] {
  const { rnd, language } = household;
  const gender = rnd.chance(0.6) ? 'female' : 'male'; // women are the larger share of MHPSS clients
  const age = entry.child ? rnd.int(7, 15) : rnd.chance(0.06) ? rnd.int(65, 74) : rnd.int(19, 62);
  const estimated = !entry.child && rnd.chance(0.25);
  const birthYear = context.now.getUTCFullYear() - age;
  const patient: DemoPerson['patient'] = {
    resourceType: 'Patient',
    id: household.newId(),
    meta: { profile: [HIWA_PATIENT], tag: [DEMO_DATA_TAG] },
    extension: extensions(rnd, siteProfile(site), site),
    identifier: [{ use: 'official', type: { text: 'Hiwa case number' }, system: CASE_NUMBER_SYSTEM, value: caseNumber }],
    active: true,
    name: names(rnd, household.community, gender, language),
    gender,
    birthDate: estimated ? String(birthYear) : dateOf(new Date(Date.UTC(birthYear, 0, 1) + rnd.int(0, 364) * DAY)),
    ...(entry.child ? {} : { maritalStatus: maritalStatus(rnd, age) }),
    address: [household.address],
    ...(!entry.child && rnd.chance(0.7) ? { telecom: [{ system: 'phone', use: 'mobile', value: phoneNumber(rnd) }] } : {}),
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: language, display: LANGUAGES[language] }] }, preferred: true }],
    managingOrganization: { reference: `Organization/${site.organizationId}` },
  };
  if (estimated) {
    // The primitive's extension lives in `_birthDate`, which the fhirtypes interfaces do not model.
    Object.assign(patient, { _birthDate: { extension: [{ url: ESTIMATED_AGE, valueBoolean: true }] } });
  }
  return patient;
}

/** A child's mother, who answers the parent SDQ and gives consent (the child gives assent). */
function mother(household: Household, child: Reference<Patient>): NonNullable<DemoPerson['caregiver']> {
  return {
    resourceType: 'RelatedPerson',
    id: household.newId(),
    active: true,
    patient: child,
    relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH', display: 'mother' }] }],
    name: names(household.rnd, household.community, 'female', household.language),
    gender: 'female',
    telecom: [{ system: 'phone', use: 'mobile', value: phoneNumber(household.rnd) }],
    address: [household.address],
  };
}

function homeAddress(profile: SiteProfile, site: DemoSite, index: number): Address {
  return {
    use: 'home',
    type: 'physical',
    line: [profile.addressLine(index)],
    ...(profile.district ? { district: profile.district } : {}),
    ...(site.governorate ? { state: site.governorate } : {}),
    country: 'IQ',
  };
}

/** Distress at intake, and how it changes, of the people whose story needs particular scores. */
const storyDistress: Record<Story, Pick<DemoPerson, 'severity' | 'monthlyImprovement'>> = {
  'risk-reviewed': { severity: 0.7, monthlyImprovement: 0.45 },
  'risk-yesterday': { severity: 0.6, monthlyImprovement: 0.05 },
  'risk-today': { severity: 0.66, monthlyImprovement: 0.05 },
  'referral-pending': { severity: 0.62, monthlyImprovement: 0 },
  'referral-from-partner': { severity: 0.6, monthlyImprovement: 0 },
  'referral-rejected': { severity: 0.45, monthlyImprovement: 0.1 },
  transfer: { severity: 0.5, monthlyImprovement: 0.2 },
  closed: { severity: 0.58, monthlyImprovement: 0.4 },
  'closure-pending': { severity: 0.45, monthlyImprovement: 0.35 },
  'possible-duplicate': { severity: 0.4, monthlyImprovement: 0.15 },
};

/**
 * People are registered by whoever works at their site: the caseworker, the partner's caseworker, the
 * site's team caseworker in the full demo, or the mobile team.
 */
export function registrarAt(context: DemoContext, site: DemoSite): DemoActor {
  const worksThere = (actor: DemoActor): boolean => context.staff[actor].principal.siteIds.includes(site.id);
  if (worksThere('caseworker')) return 'caseworker';
  if (worksThere('partner.caseworker')) return 'partner.caseworker';
  const teamCaseworker = context.team.find((actor) => actor.startsWith('caseworker.') && worksThere(actor));
  if (teamCaseworker !== undefined) return teamCaseworker;
  return worksThere('psychologist') ? 'psychologist' : (context.team.find(worksThere) ?? 'psychologist');
}

function extensions(rnd: Random, profile: SiteProfile, site: DemoSite): Extension[] {
  const group = rnd.weighted(profile.populationGroups);
  const disability = rnd.weighted([['no', 80], ['yes', 12], ['not-disclosed', 8]] as const);
  return [
    { url: POPULATION_GROUP_URL, valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/population-group', code: group } },
    { url: DISABILITY_URL, valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/disability-status', code: disability } },
    { url: REGISTRATION_SITE_URL, valueReference: { reference: `Location/${site.id}`, display: site.name } },
  ];
}

function maritalStatus(rnd: Random, age: number): Patient['maritalStatus'] {
  const [code, display] = age < 22
    ? rnd.weighted([[['S', 'Never Married'], 7], [['M', 'Married'], 3]] as const)
    : rnd.weighted([
        [['M', 'Married'], 55],
        [['S', 'Never Married'], 18],
        [['W', 'Widowed'], 15],
        [['D', 'Divorced'], 7],
        [['L', 'Legally Separated'], 5],
      ] as const);
  return { coding: [{ system: MARITAL_STATUS, code, display }] };
}

function caseNumber(site: DemoSite, index: number): string {
  const governorate = (site.governorate ?? 'IRQ').replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
  return `HW-${governorate}-${String(index + 1).padStart(7, '0')}`;
}

function phoneNumber(rnd: Random): string {
  return `+964 7${rnd.int(50, 90)} ${rnd.int(100, 999)} ${rnd.int(1000, 9999)}`;
}
