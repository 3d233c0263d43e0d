import { readFileSync } from 'node:fs';
import type { CodeSystem, Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api/api-error.js';
import { CONSENT_PURPOSE_KEYS, canWithdraw, consentFacts, withdrawnConsent } from '../../client/src/clinical/consents.js';
import { isMissingServicesConsent, newCase, startDateProblem } from '../../client/src/clinical/open-case.js';

const PURPOSE = 'https://hiwa.health/fhir/CodeSystem/consent-purpose';
const consent = (purpose: string, fields: Partial<Consent> = {}): Consent & { id: string } => ({
  resourceType: 'Consent',
  id: `c-${purpose}`,
  status: 'active',
  scope: { coding: [{ code: 'treatment' }] },
  category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }, { coding: [{ system: PURPOSE, code: purpose, display: 'English display' }] }],
  patient: { reference: 'Patient/p' },
  dateTime: '2026-11-02T09:00:00Z',
  performer: [{ reference: 'Patient/p' }],
  provision: { type: 'permit', period: { start: '2026-11-02' } },
  ...fields,
});

describe('a consent on the record', () => {
  it('every purpose of the consent-purpose CodeSystem has its words in the interface', () => {
    const codeSystem = JSON.parse(readFileSync(new URL('../../fhir-profiles/CodeSystem-consent-purpose.json', import.meta.url), 'utf8')) as CodeSystem;
    expect(Object.keys(CONSENT_PURPOSE_KEYS).sort()).toEqual((codeSystem.concept ?? []).map((c) => c.code).sort());
  });

  it('says its purpose by code, when it was given, until when, and the caregiver who gave it for a child', () => {
    const byCaregiver = consent('sharing', {
      performer: [{ reference: 'RelatedPerson/r', display: 'Layla Ahmed' }],
      provision: { type: 'permit', period: { start: '2026-11-02', end: '2027-05-01' }, actor: [{ role: { text: 'recipient' }, reference: { display: 'Emergency clinic' } }] },
    });
    expect(consentFacts(byCaregiver)).toEqual({ purpose: 'sharing', sharedWith: 'Emergency clinic', given: '2026-11-02', validUntil: '2027-05-01', caregiver: 'Layla Ahmed' });
  });

  it('a withdrawn one says when (the version that made it inactive) and cannot be withdrawn again', () => {
    const withdrawn = { ...withdrawnConsent(consent('services')), meta: { lastUpdated: '2026-12-05T10:00:00Z' } };
    expect(withdrawn.status).toBe('inactive');
    expect(consentFacts(withdrawn).withdrawn).toBe('2026-12-05T10:00:00Z');
    expect(canWithdraw(withdrawn)).toBe(false);
    expect(canWithdraw(consent('services'))).toBe(true);
  });

  it('withdrawing changes the status only: purpose, dates and who gave it stay', () => {
    const given = consent('contact');
    expect(withdrawnConsent(given)).toEqual({ ...given, status: 'inactive' });
  });
});

describe('opening a case', () => {
  it('is held by whoever opens it, at the organisation of the record, active from the day given', () => {
    expect(newCase({ patientId: 'p', practitionerId: 'me', practitionerName: 'Shilan Omar', organizationId: 'org', start: '2026-12-01' })).toEqual({
      resourceType: 'EpisodeOfCare',
      status: 'active',
      type: [{ text: 'MHPSS case management' }],
      patient: { reference: 'Patient/p' },
      managingOrganization: { reference: 'Organization/org' },
      period: { start: '2026-12-01' },
      careManager: { reference: 'Practitioner/me', display: 'Shilan Omar' },
    });
  });

  it('a start date must be a day, not after today', () => {
    expect(startDateProblem('', '2026-12-05')).toBe('missing');
    expect(startDateProblem('2026-12-06', '2026-12-05')).toBe('future');
    expect(startDateProblem('2026-12-05', '2026-12-05')).toBeUndefined();
  });

  it('tells the consent gate’s refusal (409 naming EpisodeOfCare.patient) from other refusals', () => {
    const refusal = (status: number, expression: string) =>
      new ApiError(status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', expression: [expression] }] });
    expect(isMissingServicesConsent(refusal(409, 'EpisodeOfCare.patient'))).toBe(true);
    expect(isMissingServicesConsent(refusal(409, 'EpisodeOfCare.status'))).toBe(false);
    expect(isMissingServicesConsent(refusal(403, 'EpisodeOfCare.patient'))).toBe(false);
    expect(isMissingServicesConsent(new Error('other'))).toBe(false);
  });
});
