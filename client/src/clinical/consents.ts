import type { Consent } from '@medplum/fhirtypes';
import type { MessageKey } from '../i18n/messages-en.js';

// Hiwa's consent purposes (fhir-profiles/CodeSystem-consent-purpose.json): a Consent's category says what it allows.
const CONSENT_PURPOSE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/consent-purpose';

/** Each purpose in the interface language, from its code (the server's display is English). */
export const CONSENT_PURPOSE_KEYS = {
  services: 'consentPurpose.services',
  'data-collection': 'consentPurpose.data-collection',
  sharing: 'consentPurpose.sharing',
  reporting: 'consentPurpose.reporting',
  'doh-exchange': 'consentPurpose.doh-exchange',
  contact: 'consentPurpose.contact',
} as const satisfies Record<string, MessageKey>;

export type ConsentPurpose = keyof typeof CONSENT_PURPOSE_KEYS;

const isConsentPurpose = (code: string | undefined): code is ConsentPurpose => code !== undefined && Object.hasOwn(CONSENT_PURPOSE_KEYS, code);

/** What the record shows of one Consent. */
export interface ConsentFacts {
  /** Hiwa's purpose, when the Consent carries one */
  purpose?: ConsentPurpose;
  /** the Consent's own words for what it is for, when it has no Hiwa purpose (recorded elsewhere) */
  otherPurpose?: string;
  /** the organisation a sharing consent names */
  sharedWith?: string;
  given?: string;
  validUntil?: string;
  /** when it was withdrawn: the date of the version that made it inactive */
  withdrawn?: string;
  /** the caregiver who consented for a child (a RelatedPerson as performer), by name */
  caregiver?: string;
}

export function consentFacts(consent: Consent): ConsentFacts {
  const code = consent.category?.flatMap((c) => c.coding ?? []).find((c) => c.system === CONSENT_PURPOSE_SYSTEM)?.code;
  const category = consent.category?.[0];
  const otherPurpose = category?.text ?? category?.coding?.[0]?.display ?? consent.scope?.text ?? consent.scope?.coding?.[0]?.code;
  const sharedWith = consent.provision?.actor?.find((a) => a.reference?.display)?.reference?.display;
  const caregiverRef = consent.performer?.find((p) => p.reference?.startsWith('RelatedPerson/'));
  const given = consent.provision?.period?.start ?? consent.dateTime;
  const facts: ConsentFacts = {
    ...(isConsentPurpose(code) ? { purpose: code } : otherPurpose ? { otherPurpose } : {}),
    ...(sharedWith ? { sharedWith } : {}),
    ...(given ? { given } : {}),
    ...(consent.provision?.period?.end ? { validUntil: consent.provision.period.end } : {}),
    ...(consent.status === 'inactive' && consent.meta?.lastUpdated ? { withdrawn: consent.meta.lastUpdated } : {}),
    ...(caregiverRef ? { caregiver: caregiverRef.display ?? caregiverRef.reference ?? '' } : {}),
  };
  return facts;
}

/** Only a consent in force can be withdrawn. */
export const canWithdraw = (consent: Consent): boolean => consent.status === 'active' && consent.id !== undefined;

/**
 * The Consent as withdrawn: inactive, nothing else changed (its purpose, dates and who gave it stay on the
 * record). The server ends at once what rested on it and tells the case manager (consent-withdrawal-rule.ts).
 */
export function withdrawnConsent(consent: Consent & { id: string }): Consent & { id: string } {
  return { ...consent, status: 'inactive' };
}
