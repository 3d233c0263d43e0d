import type { Address, Encounter, Extension, HumanName, Identifier, Observation, Patient } from '@medplum/fhirtypes';
import { ENCOUNTER_CLASS_OF_MODALITY, SERVICE_TYPE_SYSTEM } from '../server/clinical/service-encounter.js';
import { OBSERVATION_CATEGORY_SYSTEM, SCORE_BAND_SYSTEM } from '../questionnaires/fhir-systems.js';
import { findBand } from '../questionnaires/scoring/bands.js';
import { PHQ9_BAND_TABLE, PHQ9_TOTAL_CODE } from '../questionnaires/scoring/phq9.js';
import { srq20BandTable, SRQ20_TOTAL_CODE } from '../questionnaires/scoring/srq20.js';
import { familyNames, givenNames, type Community, type ScriptName } from './names.js';
import { randomFor, type Random } from './prng.js';
import sites from './sites.json' with { type: 'json' };

/**
 * Synthetic beneficiaries and their scores, shaped like the programme's records. Every function is pure:
 * the same (index, seed) always gives the same resource, so a benchmark and a demo can regenerate any part
 * of a data set without storing it. Nothing here is real data.
 */
export interface SyntheticOptions {
  /** changes every generated value; the default gives the reference data set */
  seed?: number;
}

export const CASE_NUMBER_SYSTEM = 'https://hiwa.health/fhir/sid/case-number';
export const NATIONAL_ID_SYSTEM = 'https://hiwa.health/fhir/sid/iq-national-id';
const LANGUAGE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/language';
const POPULATION_GROUP = 'https://hiwa.health/fhir/StructureDefinition/population-group';
const DISABILITY = 'https://hiwa.health/fhir/StructureDefinition/disability';
const ESTIMATED_AGE = 'https://hiwa.health/fhir/StructureDefinition/estimated-age';
const MARITAL_STATUS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus';
const SRQ20_CUTOFF = 8;

interface Governorate {
  name: string;
  code: string;
  /** share of the caseload: the programme had more sites (and clients) in some governorates */
  weight: number;
  /** share of Kurdish clients among those served there */
  kurdish: number;
  /** the Kurdish language mostly spoken there */
  kurdishLanguage: 'ckb' | 'kmr';
  sites: readonly string[];
}

// Kurdish share and language per governorate: Dahuk (Badini, Kurmanji, with Yazidi IDPs from Sinjar),
// Erbil (Sorani), Kirkuk (mixed), Ninewa (Sinjar and the Ninewa plains); elsewhere mainly Arabic-speaking.
const kurdishShare: Record<string, [number, 'ckb' | 'kmr']> = {
  Dahuk: [0.75, 'kmr'],
  Erbil: [0.8, 'ckb'],
  Kirkuk: [0.4, 'ckb'],
  Ninewa: [0.3, 'kmr'],
};

const governorates: readonly Governorate[] = sites.governorates.map((g) => ({
  name: g.name,
  code: g.name.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase(),
  weight: g.sites.length,
  kurdish: kurdishShare[g.name]?.[0] ?? 0.03,
  kurdishLanguage: kurdishShare[g.name]?.[1] ?? 'ckb',
  sites: g.sites.map((s) => s.name),
}));

const populationGroups = [
  ['idp', 40],
  ['host-community', 30],
  ['returnee', 20],
  ['refugee', 7],
  ['migrant', 3],
] as const;

const maritalStatuses = [
  ['M', 'Married', 50],
  ['S', 'Never Married', 30],
  ['W', 'Widowed', 12],
  ['D', 'Divorced', 6],
  ['L', 'Legally Separated', 2],
] as const;

/** Registration dates and sessions fall in the programme period the reference sites come from. */
const PERIOD_START = Date.UTC(2020, 9, 1);
const PERIOD_END = Date.UTC(2021, 11, 31);

/** Beneficiary number `index` (0-based): an adult, since the PHQ-9 and SRQ-20 below are adult instruments. */
export function syntheticPatient(index: number, options: SyntheticOptions = {}): Patient {
  const rnd = randomFor(options.seed ?? 1, 'patient', index);
  const governorate = rnd.weighted(governorates.map((g) => [g, g.weight] as const));
  const community: Community = rnd.chance(governorate.kurdish) ? 'kurd' : 'arab';
  const gender = rnd.chance(0.58) ? 'female' : 'male'; // women are the larger share of MHPSS clients
  const language = community === 'kurd' ? governorate.kurdishLanguage : 'ar';
  const estimated = rnd.chance(0.2);
  const birthYear = 2021 - rnd.int(18, 72);
  const patient: Patient = {
    resourceType: 'Patient',
    extension: patientExtensions(rnd),
    identifier: identifiers(rnd, governorate, index),
    active: true,
    name: names(rnd, community, gender, language),
    gender,
    birthDate: estimated ? String(birthYear) : isoDate(Date.UTC(birthYear, 0, 1) + rnd.int(0, 364) * DAY),
    maritalStatus: maritalStatus(rnd),
    address: [address(rnd, governorate)],
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: language }] }, preferred: true }],
  };
  if (estimated) {
    // The primitive's extension lives in `_birthDate`, which the fhirtypes interfaces do not model.
    Object.assign(patient, { _birthDate: { extension: [{ url: ESTIMATED_AGE, valueBoolean: true }] } });
  }
  if (rnd.chance(0.6)) {
    patient.telecom = [{ system: 'phone', use: 'mobile', value: `+964 7${rnd.int(50, 90)} ${rnd.int(100, 999)} ${rnd.int(1000, 9999)}` }];
  }
  return patient;
}

/**
 * Which beneficiary (0-based) score number `index` belongs to. Uniform over the caseload, so with five
 * times as many scores as beneficiaries most have several and some none, as in a real caseload.
 */
export function observationSubjectIndex(index: number, patientCount: number, options: SyntheticOptions = {}): number {
  return Math.floor(randomFor(options.seed ?? 1, 'observation-subject', index).next() * patientCount);
}

/** Score number `index`: a PHQ-9 or SRQ-20 total for `subject` (a reference such as `Patient/123`). */
export function syntheticObservation(index: number, subject: string, options: SyntheticOptions = {}): Observation {
  const rnd = randomFor(options.seed ?? 1, 'observation', index);
  const phq9 = rnd.chance(0.6);
  // Each client has a general level of distress; item answers scatter around it.
  const distress = rnd.next();
  const value = phq9 ? sumOf(9, () => rnd.int(0, 3) * (rnd.next() < 0.3 + distress * 0.6 ? 1 : 0)) : sumOf(20, () => (rnd.chance(0.1 + distress * 0.5) ? 1 : 0));
  const band = findBand(phq9 ? PHQ9_BAND_TABLE : srq20BandTable(SRQ20_CUTOFF), value);
  const code = phq9 ? PHQ9_TOTAL_CODE : SRQ20_TOTAL_CODE;
  const effective = PERIOD_START + rnd.int(0, (PERIOD_END - PERIOD_START) / MINUTE) * MINUTE;
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ ...code, display: phq9 ? 'PHQ-9 total score' : 'SRQ-20 total score' }] },
    subject: { reference: subject },
    effectiveDateTime: new Date(effective).toISOString().replace('.000Z', 'Z'),
    valueInteger: value,
    ...(band ? { interpretation: [{ coding: [{ system: SCORE_BAND_SYSTEM, code: band.code, display: band.display }] }] } : {}),
  };
}

/**
 * Services a caseworker records, weighted as a programme delivers them: mostly layer 2 and 3 activities.
 * Counselling and consultations (PSY-labelled, recorded by clinicians) and PM+ (numbered sessions) have
 * rules of their own and are left out: the benchmark measures the counting, not those rules.
 */
const benchmarkServices = [
  ['pfa', 25],
  ['emotional-support', 15],
  ['guided-group-discussion', 15],
  ['life-skills', 10],
  ['recreational-sports', 10],
  ['caregiver-support', 8],
  ['awareness-session', 8],
  ['self-care-return-kit', 4],
  ['remote-pfa', 5],
] as const;

/** Which beneficiary (0-based) service number `index` was delivered to: uniform over the caseload. */
export function serviceSubjectIndex(index: number, patientCount: number, options: SyntheticOptions = {}): number {
  return Math.floor(randomFor(options.seed ?? 1, 'service-subject', index).next() * patientCount);
}

/** Service number `index`: one Encounter of a Hiwa service delivered to `subject`, in the programme period. */
export function syntheticService(index: number, subject: string, options: SyntheticOptions = {}): Encounter {
  const rnd = randomFor(options.seed ?? 1, 'service', index);
  const service = rnd.weighted(benchmarkServices.map(([code, weight]) => [code, weight] as const));
  const start = PERIOD_START + rnd.int(0, (PERIOD_END - PERIOD_START) / MINUTE) * MINUTE;
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: ENCOUNTER_CLASS_OF_MODALITY['community-centre'],
    serviceType: { coding: [{ system: SERVICE_TYPE_SYSTEM, code: service }] },
    subject: { reference: subject },
    period: { start: new Date(start).toISOString().replace('.000Z', 'Z'), end: new Date(start + 50 * MINUTE).toISOString().replace('.000Z', 'Z') },
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function sumOf(count: number, item: () => number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += item();
  return sum;
}

/** The name in Latin letters as registered, and as written in Arabic script in the client's language. */
export function names(rnd: Random, community: Community, gender: 'male' | 'female', language: string): HumanName[] {
  const given = rnd.pick(givenNames[community][gender]);
  // Arabic and Kurdish names are given name, father's name, then family or grandfather's name.
  const father = rnd.pick(givenNames[community].male);
  const family = rnd.chance(0.7) ? rnd.pick(familyNames[community]) : rnd.pick(givenNames[community].male);
  const written = (pick: (s: ScriptName) => string, separator: string): HumanName => ({
    text: [given, father, family].map(pick).join(separator),
    family: pick(family),
    given: [pick(given), pick(father)],
  });
  return [
    { use: 'official', ...written((s) => s.latin, ' ') },
    {
      use: 'usual',
      extension: [{ url: LANGUAGE_EXTENSION, valueCode: language }],
      ...written((s) => s.arabic, ' '),
    },
  ];
}

function identifiers(rnd: Random, governorate: Governorate, index: number): Identifier[] {
  const ids: Identifier[] = [
    {
      use: 'official',
      type: { text: 'Hiwa case number' },
      system: CASE_NUMBER_SYSTEM,
      value: `HW-${governorate.code}-${String(index + 1).padStart(7, '0')}`,
    },
  ];
  if (rnd.chance(0.55)) {
    ids.push({
      use: 'secondary',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI', display: 'National unique individual identifier' }] },
      system: NATIONAL_ID_SYSTEM,
      value: String(rnd.int(1, 9)) + Array.from({ length: 11 }, () => rnd.int(0, 9)).join(''),
    });
  }
  return ids;
}

function patientExtensions(rnd: Random): Extension[] {
  const group = rnd.weighted(populationGroups);
  const disability = rnd.weighted([
    ['no', 80],
    ['yes', 12],
    ['not-disclosed', 8],
  ] as const);
  return [
    { url: POPULATION_GROUP, valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/population-group', code: group } },
    { url: DISABILITY, valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/disability-status', code: disability } },
  ];
}

function maritalStatus(rnd: Random): Patient['maritalStatus'] {
  const [code, display] = rnd.weighted(maritalStatuses.map(([c, d, w]) => [[c, d] as const, w] as const));
  return { coding: [{ system: MARITAL_STATUS_SYSTEM, code, display }] };
}

function address(rnd: Random, governorate: Governorate): Address {
  return {
    use: 'home',
    type: 'physical',
    line: [rnd.pick(governorate.sites)],
    state: governorate.name,
    country: 'IQ',
  };
}
