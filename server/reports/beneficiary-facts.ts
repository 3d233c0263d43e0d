import type { Patient } from '@medplum/fhirtypes';
import type { BeneficiaryFacts } from './report-facts.js';

const POPULATION_GROUP_URL = 'https://hiwa.health/fhir/StructureDefinition/population-group';
const DISABILITY_URL = 'https://hiwa.health/fhir/StructureDefinition/disability';

/** What reports disaggregate a beneficiary by, as their Patient records it (the site comes from access). */
export type RecordedBeneficiaryFacts = Omit<BeneficiaryFacts, 'id' | 'site'>;

/** Codes as stored; what is not recorded is absent. */
export function beneficiaryFactsOf(patient: Patient): RecordedBeneficiaryFacts {
  const coded = (url: string): string | undefined => patient.extension?.find((e) => e.url === url)?.valueCoding?.code;
  const facts: RecordedBeneficiaryFacts = {};
  if (patient.gender) facts.gender = patient.gender;
  if (patient.birthDate) facts.birthDate = patient.birthDate;
  const marital = patient.maritalStatus?.coding?.[0]?.code;
  if (marital) facts.maritalStatus = marital;
  const population = coded(POPULATION_GROUP_URL);
  if (population) facts.populationGroup = population;
  const disability = coded(DISABILITY_URL);
  if (disability) facts.disability = disability;
  const governorate = patient.address?.[0]?.state;
  if (governorate) facts.governorate = governorate;
  return facts;
}
