import type { Group, Patient, QuestionnaireResponse, Reference } from '@medplum/fhirtypes';

const SUBJECT_TYPES = ['Patient', 'Group'];

/**
 * The response's subject, narrowed to what an Observation or a Flag may be about (Hiwa's forms are about
 * a Patient). Throws when the reference visibly points at another resource type.
 */
export function responseSubject(response: QuestionnaireResponse): Reference<Patient | Group> | undefined {
  const subject = response.subject;
  if (subject === undefined) return undefined;
  const type = subject.type ?? /^([A-Z][A-Za-z]+)\/[^/]+$/.exec(subject.reference ?? '')?.[1];
  if (type !== undefined && !SUBJECT_TYPES.includes(type)) {
    throw new Error(`the response is about a ${type}; scores and flags need a Patient or Group subject`);
  }
  // Checked above as far as the reference tells (a urn:uuid reference in a transaction does not say).
  return subject as Reference<Patient | Group>;
}
