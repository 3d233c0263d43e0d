import type { Consent, Extension } from '@medplum/fhirtypes';
import type { Principal } from '../auth/principal.js';
import { CONSENT_PURPOSE_SYSTEM } from '../store/patient-access.js';
import { isClinician } from './clinicians.js';
import { CONSENT_OVERRIDE_REASON_URL, hasCode } from './workflow-codes.js';

export type GatedPurpose = 'services' | 'sharing';

/**
 * The patient's Consent that allows `purpose` now: active, of that purpose (Hiwa's consent-purpose in
 * `category`), permitting, within its period, and for sharing naming the receiving organisation as a
 * provision actor. Undefined when there is none.
 */
export function consentAllowing(consents: readonly Consent[], purpose: GatedPurpose, now: Date, organizationId?: string): Consent | undefined {
  return consents.find(
    (c) =>
      c.status === 'active' &&
      (c.category ?? []).some((cat) => hasCode(cat, CONSENT_PURPOSE_SYSTEM, purpose)) &&
      c.provision?.type !== 'deny' &&
      within(c.provision?.period, now) &&
      (organizationId === undefined || (c.provision?.actor ?? []).some((a) => a.reference?.reference === `Organization/${organizationId}`)),
  );
}

function within(period: { start?: string; end?: string } | undefined, now: Date): boolean {
  if (period?.start !== undefined && new Date(period.start) > now) return false;
  return period?.end === undefined || new Date(period.end) > now;
}

/** The reason a clinician gave for going ahead without consent (Hiwa's consent-override-reason extension). */
export function overrideReason(resource: { extension?: Extension[] }): string | undefined {
  return resource.extension?.find((e) => e.url === CONSENT_OVERRIDE_REASON_URL)?.valueString?.trim() || undefined;
}

export type GateDecision =
  | { kind: 'allowed' }
  /** no consent, but a clinician stated a risk to life: go ahead, audit the reason, have it reviewed */
  | { kind: 'override'; reason: string }
  /** no consent and no override: 409 */
  | { kind: 'missing-consent' }
  /** an override by someone who may not make one: 403 */
  | { kind: 'override-forbidden' };

/** A consent gate: open with the consent; without it, only a clinician's override for a risk to life. */
export function decideConsentGate(consentFound: boolean, reason: string | undefined, caller: Principal): GateDecision {
  if (consentFound) return { kind: 'allowed' };
  if (reason === undefined) return { kind: 'missing-consent' };
  return isClinician(caller) ? { kind: 'override', reason } : { kind: 'override-forbidden' };
}
