import type { Consent } from '@medplum/fhirtypes';
import { CONSENT_PURPOSE_SYSTEM } from '../../server/clinical/workflow-codes.js';

export type ConsentPurpose = 'services' | 'data-collection' | 'sharing' | 'reporting' | 'doh-exchange';

export interface ConsentOptions {
  patientId: string;
  purpose: ConsentPurpose;
  status?: Consent['status'];
  /** the organisation the patient agrees to share with (provision.actor) */
  actorOrganizationId?: string;
  /** the start of the consented period (provision.period.start) */
  from?: string;
  /** the end of the consented period (provision.period.end) */
  until?: string;
  /** 'deny': a refusal of the purpose (provision.type); default 'permit' */
  provisionType?: 'permit' | 'deny';
  /** the purpose's coding system; defaults to Hiwa's consent-purpose CodeSystem */
  purposeSystem?: string;
}

/**
 * A Consent as Hiwa records one: one purpose per Consent, in `category`. Valid R4: `scope` and a
 * `policyRule` (ppc-1), the patient named (ppc-2 for a privacy consent).
 */
export function consentFor(o: ConsentOptions): Consent {
  const provision: NonNullable<Consent['provision']> = { type: o.provisionType ?? 'permit' };
  if (o.actorOrganizationId) {
    provision.actor = [
      {
        role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
        reference: { reference: `Organization/${o.actorOrganizationId}` },
      },
    ];
  }
  if (o.from || o.until) provision.period = { start: o.from ?? '2020-01-01', ...(o.until ? { end: o.until } : {}) };
  return {
    resourceType: 'Consent',
    status: o.status ?? 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: o.purposeSystem ?? CONSENT_PURPOSE_SYSTEM, code: o.purpose }] }],
    patient: { reference: `Patient/${o.patientId}` },
    dateTime: '2025-01-15T10:00:00Z',
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision,
  };
}
