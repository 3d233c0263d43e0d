import type { Consent, Extension } from '@medplum/fhirtypes';
import type { Principal } from '../auth/principal.js';
import { isClinician } from './clinicians.js';
import { CONSENT_OVERRIDE_REASON_URL, CONSENT_PURPOSE_SYSTEM, hasCode } from './workflow-codes.js';

/** The consent purposes whose Consents open something: a gate (services, sharing), or the Directorate of Health's reads. */
export type GatedPurpose = 'services' | 'sharing' | 'doh-exchange';

/**
 * The patient's Consent that allows `purpose` now: active, of that purpose (Hiwa's consent-purpose in
 * `category`), permitting, within its period, and for sharing naming the receiving organisation as a
 * provision actor. Undefined when there is none.
 */
export function consentAllowing(consents: readonly Consent[], purpose: GatedPurpose, now: Date, organizationId?: string): Consent | undefined {
  return consents.find((c) => allows(c, purpose, organizationId) && within(c.provision?.period, now));
}

/** An instant, or none: an open end of a period. */
export interface AllowedPeriod {
  start: Date | null;
  end: Date | null;
}

/**
 * When the patient's Consents allow `purpose`: the period of each Consent that `consentAllowing` would find
 * at some time, so that whether it allows at a given time can be decided later (by the access rule of a
 * read, at the time of the read) without reading the Consents again. An empty list: never.
 */
export function periodsAllowing(consents: readonly Consent[], purpose: GatedPurpose, organizationId?: string): AllowedPeriod[] {
  return consents.filter((c) => allows(c, purpose, organizationId)).flatMap((c) => boundsOf(c.provision?.period) ?? []);
}

/** Whatever the time: active, of the purpose, a permit, and naming the organisation when one is asked for. */
function allows(c: Consent, purpose: GatedPurpose, organizationId: string | undefined): boolean {
  return (
    c.status === 'active' &&
    (c.category ?? []).some((cat) => hasCode(cat, CONSENT_PURPOSE_SYSTEM, purpose)) &&
    c.provision?.type !== 'deny' &&
    (organizationId === undefined || (c.provision?.actor ?? []).some((a) => a.reference?.reference === `Organization/${organizationId}`))
  );
}

function within(period: { start?: string; end?: string } | undefined, now: Date): boolean {
  const bounds = boundsOf(period);
  return bounds !== undefined && (bounds.start === null || bounds.start <= now) && (bounds.end === null || bounds.end > now);
}

/**
 * A period's bounds as instants, absent ones open. A period that never holds is undefined: its end is no
 * date, or comes before its start. A start that is no date leaves the period open before.
 */
function boundsOf(period: { start?: string; end?: string } | undefined): AllowedPeriod | undefined {
  const start = period?.start === undefined ? null : new Date(period.start);
  const end = period?.end === undefined ? null : new Date(period.end);
  if (end !== null && Number.isNaN(end.getTime())) return undefined;
  const from = start !== null && Number.isNaN(start.getTime()) ? null : start;
  return from !== null && end !== null && from > end ? undefined : { start: from, end };
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
