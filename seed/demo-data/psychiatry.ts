import type { Coding, Condition, Patient, Practitioner, Reference } from '@medplum/fhirtypes';
import { instant } from './time.js';

/** Psychiatric content: visible to the clinical roles only (v3 ActCode PSY). */
export const PSY: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  code: 'PSY',
  display: 'psychiatry disorder information sensitivity',
};
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** A diagnosis the psychiatrist made at a consultation, ICD-10, labelled PSY. */
export function psychiatricDiagnosis(
  facts: { id: string; subject: Reference<Patient>; encounterId: string; psychiatrist: Reference<Practitioner>; at: Date; onset: Date },
  icd10: { code: string; display: string },
): Condition {
  return {
    resourceType: 'Condition',
    id: facts.id,
    meta: { security: [PSY] },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', ...icd10 }], text: icd10.display },
    subject: facts.subject,
    encounter: { reference: `Encounter/${facts.encounterId}` },
    onsetDateTime: instant(facts.onset),
    recordedDate: instant(facts.at),
    recorder: facts.psychiatrist,
    asserter: facts.psychiatrist,
  };
}
