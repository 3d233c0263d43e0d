import type { ContactPoint, Element, HumanName, Patient } from '@medplum/fhirtypes';
import { REGISTRATION_SITE_URL } from '../../store/patient-access.js';
import { nameWords, type NameWord } from './name-words.js';

export const ESTIMATED_AGE_URL = 'https://hiwa.health/fhir/StructureDefinition/estimated-age';

/**
 * One way a person's name is written, in the positions an Arabic or Kurdish name has: the person's own
 * name, their father's, their grandfather's (the given names, in order) and the family or tribe name.
 */
export interface NameFacts {
  first?: NameWord;
  father?: NameWord;
  grandfather?: NameWord;
  family?: NameWord;
}

export interface BirthFacts {
  year: number;
  /** month and day, when the date is given to the day */
  monthDay?: string;
  /** derived from an estimated age, or given to the year only */
  estimated: boolean;
}

/** What the matcher compares of a Patient, each part already reduced for comparison. */
export interface MatchFacts {
  names: NameFacts[];
  birth?: BirthFacts;
  gender?: 'male' | 'female';
  /** the last nine digits of each phone number, so that +964 770…, 00964 770… and 0770… agree */
  phones: string[];
  governorate?: string;
  district?: string;
  site?: string;
}

export function matchFacts(patient: Patient): MatchFacts {
  const address = patient.address?.[0];
  return {
    names: (patient.name ?? []).map(nameFacts).filter((n) => n.first !== undefined || n.family !== undefined),
    birth: birthFacts(patient),
    gender: patient.gender === 'male' || patient.gender === 'female' ? patient.gender : undefined,
    phones: (patient.telecom ?? []).flatMap(phoneKey),
    governorate: placeKey(address?.state),
    district: placeKey(address?.district),
    site: siteOf(patient),
  };
}

/** Given names in order, then the family name; a name written only as text is read the same way. */
export function nameFacts(name: HumanName): NameFacts {
  // Given names read as one text: `عبد` and `الله` may have been entered as two given names.
  let given = nameWords((name.given ?? []).join(' '));
  let family = name.family === undefined ? [] : nameWords(name.family);
  if (given.length === 0 && family.length === 0 && name.text) {
    const words = nameWords(name.text);
    given = words.length > 1 ? words.slice(0, -1) : words;
    family = words.length > 1 ? words.slice(-1) : [];
  }
  return { first: given[0], father: given[1], grandfather: given[2], family: family.at(-1) };
}

function birthFacts(patient: Patient): BirthFacts | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(patient.birthDate ?? '');
  if (!m) return undefined;
  // The primitive extension of birthDate, which the generated interface does not model.
  const flagged = (patient as Patient & { _birthDate?: Element })._birthDate?.extension?.some((e) => e.url === ESTIMATED_AGE_URL && e.valueBoolean === true) ?? false;
  const monthDay = m[3] === undefined ? undefined : `${m[2]}-${m[3]}`;
  return { year: Number(m[1]), monthDay, estimated: flagged || monthDay === undefined };
}

/**
 * The last nine digits of a phone number (Arabic-Indic digits read as digits); too short a number, or a
 * contact point that is no phone, has none.
 */
export function phoneKey(contact: ContactPoint): string[] {
  if (contact.system !== 'phone' && contact.system !== 'sms') return [];
  const digits = (contact.value ?? '').replace(/[٠-٩]/gu, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\D/g, '');
  return digits.length >= 7 ? [digits.slice(-9)] : [];
}

/** A place name by its skeleton, so that Ninewa, Nineveh and نينوى agree. */
function placeKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const key = nameWords(value).map((w) => w.skeleton).join(' ');
  return key === '' ? undefined : key;
}

function siteOf(patient: Patient): string | undefined {
  const ref = patient.extension?.find((e) => e.url === REGISTRATION_SITE_URL)?.valueReference?.reference;
  return ref?.startsWith('Location/') ? ref.slice('Location/'.length) : undefined;
}
