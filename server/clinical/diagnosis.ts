import type { Condition, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.js';

/** WHO's ICD-10, as FHIR names it (terminologies-systems.html). */
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
/** WHO's ICD-11 for Mortality and Morbidity Statistics: DESIGN.md maps a diagnosis to ICD-10 or ICD-11. */
export const ICD11_SYSTEM = 'http://id.who.int/icd/release/11/mms';
/** The ICD-10 codes the consultation screen offers (fhir-profiles/ValueSet-icd10-mhpss.json). */
export const ICD10_MHPSS_VALUE_SET = 'https://hiwa.health/fhir/ValueSet/icd10-mhpss';

// A category of three characters (F99, X84), or a subcategory after the point (F32.1); some chapters add a
// fifth character (M54.16). Anything else (a SNOMED code, free text in `code`) is not an ICD-10 code.
const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/;

/**
 * Everything wrong with a diagnosis a clinician records in Hiwa: it is coded in ICD-10 (or ICD-11), not
 * only described in words, so that it can be counted, exchanged and read by the next clinician alike. Each
 * issue names `Condition.code`.
 */
export function diagnosisIssues(condition: Condition): OperationOutcomeIssue[] {
  const codings = condition.code?.coding ?? [];
  const icd10 = codings.filter((c) => c.system === ICD10_SYSTEM);
  const icd11 = codings.filter((c) => c.system === ICD11_SYSTEM && (c.code ?? '').trim() !== '');
  if (icd10.length === 0 && icd11.length === 0) {
    return [issue('required', `A diagnosis is coded in ICD-10 (${ICD10_SYSTEM}) or ICD-11 (${ICD11_SYSTEM}): Condition.code has no such coding`, 'Condition.code')];
  }
  return icd10
    .filter((c) => !ICD10_CODE.test(c.code ?? ''))
    .map((c) => issue('code-invalid', `'${c.code ?? ''}' is not an ICD-10 code (a letter, two digits, and after a point one or two more, e.g. F32.1)`, 'Condition.code'));
}
