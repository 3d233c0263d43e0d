import type { Patient } from '@medplum/fhirtypes';
import { clusters } from './labelled-people.js';

export interface LabelledPair {
  cluster: string;
  a: Patient;
  b: Patient;
  samePerson: boolean;
}

/** A record of `labelled-people.ts` as the Patient a registration would have written. */
export function recordToPatient(record: string): Patient {
  const [gender, birth, given, family, phone, governorate, district, site] = record.split('|');
  const estimated = birth.startsWith('~');
  return {
    resourceType: 'Patient',
    name: [{ given: given.split(' ').filter(Boolean), ...(family ? { family } : {}) }],
    gender: gender === 'M' ? 'male' : 'female',
    ...(birth ? { birthDate: birth.replace('~', '') } : {}),
    ...(estimated ? { _birthDate: { extension: [{ url: 'https://hiwa.health/fhir/StructureDefinition/estimated-age', valueBoolean: true }] } } : {}),
    ...(phone ? { telecom: [{ system: 'phone', value: phone }] } : {}),
    ...(governorate || district ? { address: [{ ...(governorate ? { state: governorate } : {}), ...(district ? { district } : {}) }] } : {}),
    ...(site ? { extension: [{ url: 'https://hiwa.health/fhir/StructureDefinition/registration-site', valueReference: { reference: `Location/${site}` } }] } : {}),
  } as Patient;
}

/**
 * Every pair of records within a cluster, labelled by whether they are one person, and the first records of
 * the people of neighbouring clusters as easy pairs of strangers.
 */
export function labelledPairs(): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const people = clusters.map((c) => c.people.map((records) => records.map(recordToPatient)));
  clusters.forEach((cluster, ci) => {
    const records = people[ci].flatMap((person, pi) => person.map((patient) => ({ pi, patient })));
    for (let i = 0; i < records.length; i++) {
      for (let j = i + 1; j < records.length; j++) {
        pairs.push({ cluster: cluster.label, a: records[i].patient, b: records[j].patient, samePerson: records[i].pi === records[j].pi });
      }
    }
    const next = people[(ci + 1) % people.length];
    for (const x of people[ci]) for (const y of next) pairs.push({ cluster: 'strangers', a: x[0], b: y[0], samePerson: false });
  });
  return pairs;
}
