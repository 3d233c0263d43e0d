import type { Patient, Resource } from '@medplum/fhirtypes';
import { FhirError, issue, outcome, unprocessable } from '../fhir/outcomes.js';
import { parseReference } from '../fhir/search/index-text.js';
import { resourcesReferencing } from '../store/reference-index.js';
import type { Repository } from '../store/repository.js';
import { mergeRefusal, replacedPatient, survivingPatient, withPatientMoved } from './patient-merge.js';

/** Records that stay where they are: the Patients themselves (their links say what happened) and the audit trail. */
const NOT_MOVED = ['Patient', 'AuditEvent'];

export interface MergeResult {
  source: Patient;
  target: Patient;
  /** the records moved, as `Type/id` */
  moved: string[];
}

/**
 * Merges a duplicate registration into the surviving one, in one transaction: every record that points at the
 * duplicate (cases, consents, responses, scores, Flags, Tasks, sessions…) is rewritten to point at the
 * survivor, as it is (no rule re-derives it: scores are not recomputed), each keeping its history; the
 * duplicate becomes inactive with a `replaced-by` link and the survivor gets a `replaces` link. Both Patients
 * must be readable by the caller (422 otherwise). Audited as one operation naming both patients and every
 * record moved, besides the two Patients' updates.
 */
export async function mergePatients(repo: Repository, sourceId: string, targetId: string): Promise<MergeResult> {
  return repo.transaction(async (tx) => {
    const source = await readParameterPatient(tx, sourceId, 'source-patient');
    const target = await readParameterPatient(tx, targetId, 'target-patient');
    const refusal = mergeRefusal(source, target);
    if (refusal !== undefined) throw new FhirError(refusal.status, outcome(...refusal.issues));

    const details = { subtype: 'operation' as const, action: 'E' as const, query: 'Patient/$merge', patientIds: [sourceId, targetId], resources: [] as string[] };
    const moved = await tx.auditedAccess(details, async (db) => {
      const references = await resourcesReferencing(db, 'Patient', sourceId, NOT_MOVED);
      const mover = tx.asServer('patient merge', { rules: false });
      for (const reference of references) {
        const { targetType, targetId: id } = parseReference(reference);
        const current = (await mover.read(targetType as string, id as string)).resource;
        await mover.update<Resource>(withPatientMoved(current, sourceId, targetId));
      }
      details.resources = [`Patient/${sourceId}`, `Patient/${targetId}`, ...references];
      return references;
    });
    const replaced = (await tx.update(replacedPatient(source, targetId))).resource;
    const surviving = (await tx.update(survivingPatient(target, sourceId))).resource;
    return { source: replaced, target: surviving, moved };
  });
}

/** A Patient named by a parameter, as the caller may read it; one they cannot read is the parameter's fault. */
async function readParameterPatient(repo: Repository, id: string, parameter: string): Promise<Patient> {
  try {
    return (await repo.read('Patient', id, { forUpdate: true })).resource as Patient;
  } catch (err) {
    if (err instanceof FhirError && (err.status === 404 || err.status === 410)) {
      throw unprocessable([issue('not-found', `Patient/${id} does not exist or is outside what you may access`, `Parameters.parameter.where(name='${parameter}')`)]);
    }
    throw err;
  }
}
