import type { OperationOutcomeIssue, Patient, PatientLink, Resource } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.js';

/** Where a merged-away Patient went: its `replaced-by` link, if any. */
export function replacedBy(patient: Patient): string | undefined {
  return patient.link?.find((l) => l.type === 'replaced-by')?.other.reference;
}

export type MergeRefusal = { status: 409 | 422; issues: OperationOutcomeIssue[] };

const SOURCE = "Parameters.parameter.where(name='source-patient')";
const TARGET = "Parameters.parameter.where(name='target-patient')";

/**
 * Whether `source` may be merged into `target`: two different records (422), neither already merged away
 * (409: a duplicate is merged once, and a record that was merged into another cannot survive a merge).
 */
export function mergeRefusal(source: Patient, target: Patient): MergeRefusal | undefined {
  if (source.id === target.id) return { status: 422, issues: [issue('business-rule', 'A patient cannot be merged into itself', TARGET)] };
  const sourceGone = replacedBy(source);
  if (sourceGone !== undefined) return { status: 409, issues: [issue('conflict', `Patient/${source.id} was already merged into ${sourceGone}`, SOURCE)] };
  const targetGone = replacedBy(target);
  if (targetGone !== undefined) {
    return { status: 409, issues: [issue('conflict', `Patient/${target.id} was itself merged into ${targetGone}; merge into that record`, TARGET)] };
  }
  return undefined;
}

/** The duplicate after the merge: inactive, linked to the record that replaces it. Its history stays. */
export function replacedPatient(source: Patient, targetId: string): Patient {
  const link: PatientLink = { other: { reference: `Patient/${targetId}` }, type: 'replaced-by' };
  return { ...source, active: false, link: [...(source.link ?? []), link] };
}

/** The surviving record after the merge: it names the record it replaces. */
export function survivingPatient(target: Patient, sourceId: string): Patient {
  const link: PatientLink = { other: { reference: `Patient/${sourceId}` }, type: 'replaces' };
  return { ...target, link: [...(target.link ?? []), link] };
}

/** A resource with every reference to `Patient/{from}` pointing at `Patient/{to}` instead, wherever it sits. */
export function withPatientMoved<T extends Resource>(resource: T, from: string, to: string): T {
  const before = `Patient/${from}`;
  const after = `Patient/${to}`;
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (Array.isArray(value)) return value.map((v) => visit(v, undefined));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]));
    }
    return key === 'reference' && value === before ? after : value;
  };
  return visit(resource, undefined) as T;
}
