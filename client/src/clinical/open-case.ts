import type { EpisodeOfCare } from '@medplum/fhirtypes';
import { ApiError } from '../api/api-error.js';

export interface CaseDraft {
  patientId: string;
  /** the case manager: whoever opens it */
  practitionerId: string;
  practitionerName: string;
  /** the organisation that holds the beneficiary's record */
  organizationId: string | undefined;
  /** the day the case starts (YYYY-MM-DD) */
  start: string;
}

/** A new case, active from its start, held by the member of staff who opens it. */
export function newCase(draft: CaseDraft): EpisodeOfCare {
  return {
    resourceType: 'EpisodeOfCare',
    status: 'active',
    type: [{ text: 'MHPSS case management' }],
    patient: { reference: `Patient/${draft.patientId}` },
    ...(draft.organizationId ? { managingOrganization: { reference: `Organization/${draft.organizationId}` } } : {}),
    period: { start: draft.start },
    careManager: { reference: `Practitioner/${draft.practitionerId}`, display: draft.practitionerName },
  };
}

/** What is wrong with a start date typed into the form, if anything: it must be a real day, not in the future. */
export function startDateProblem(start: string, today: string): 'missing' | 'future' | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start))) return 'missing';
  return start > today ? 'future' : undefined;
}

/**
 * The server's consent gate refused the case: 409 naming `EpisodeOfCare.patient`, because the beneficiary has
 * no consent to services in force (server/clinical/consent-gate-rules.ts). The way forward is to record it.
 */
export function isMissingServicesConsent(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.issues.some((issue) => issue.expression?.includes('EpisodeOfCare.patient'));
}
