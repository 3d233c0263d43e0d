import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Principal, StaffRole } from '../../server/auth/principal.js';
import { consentAllowing, decideConsentGate, overrideReason, periodsAllowing } from '../../server/clinical/consent-gates.js';
import { consentFor } from '../access/consents.js';

const now = new Date('2026-06-01T10:00:00Z');
const staff = (role: StaffRole): Principal => ({ kind: 'staff', userId: 'u', username: 'u', practitionerId: 'p', role, organizationId: 'o', siteIds: [] });

describe('which consent opens a gate', () => {
  const services = consentFor({ patientId: 'p1', purpose: 'services' });
  const sharingWithB = consentFor({ patientId: 'p1', purpose: 'sharing', actorOrganizationId: 'B', until: '2026-12-31' });

  it('services: an active services Consent, and no other', () => {
    expect(consentAllowing([services], 'services', now)).toBe(services);
    for (const other of [
      { ...services, status: 'inactive' as const },
      { ...services, status: 'proposed' as const },
      consentFor({ patientId: 'p1', purpose: 'data-collection' }),
      { ...services, provision: { type: 'deny' as const } },
      { ...services, provision: { type: 'permit' as const, period: { end: '2026-05-31T00:00:00Z' } } },
      { ...services, provision: { type: 'permit' as const, period: { start: '2026-06-02' } } },
    ] satisfies Consent[]) {
      expect(consentAllowing([other], 'services', now)).toBeUndefined();
    }
  });

  it('sharing: an active sharing Consent naming the receiving organisation, within its period', () => {
    expect(consentAllowing([sharingWithB], 'sharing', now, 'B')).toBe(sharingWithB);
    expect(consentAllowing([sharingWithB], 'sharing', now, 'C')).toBeUndefined();
    expect(consentAllowing([sharingWithB], 'sharing', new Date('2027-01-01'), 'B')).toBeUndefined();
    expect(consentAllowing([{ ...sharingWithB, status: 'inactive' }], 'sharing', now, 'B')).toBeUndefined();
    expect(consentAllowing([services], 'sharing', now, 'B')).toBeUndefined();
  });
});

describe('when consents allow the exchange with the Directorate of Health', () => {
  const doh = consentFor({ patientId: 'p1', purpose: 'doh-exchange', from: '2026-01-01T00:00:00Z', until: '2026-12-31T00:00:00Z' });

  it('the periods of the permitting, active doh-exchange Consents, open where they name no bound', () => {
    const open = consentFor({ patientId: 'p1', purpose: 'doh-exchange' });
    expect(periodsAllowing([doh, open], 'doh-exchange')).toEqual([
      { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-12-31T00:00:00Z') },
      { start: null, end: null },
    ]);
  });

  it('none from a refusal, a withdrawn consent or another purpose', () => {
    const refused = consentFor({ patientId: 'p1', purpose: 'doh-exchange', provisionType: 'deny' });
    const withdrawn = { ...doh, status: 'inactive' as const };
    const sharing = consentFor({ patientId: 'p1', purpose: 'sharing' });
    expect(periodsAllowing([refused, withdrawn, sharing], 'doh-exchange')).toEqual([]);
  });

  it('agrees with consentAllowing at every time: inside the period allowed, before and after not', () => {
    for (const at of ['2025-12-31T23:59:59Z', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z', '2026-12-31T00:00:00Z']) {
      const [period] = periodsAllowing([doh], 'doh-exchange');
      const inside = (period.start === null || period.start <= new Date(at)) && (period.end === null || period.end > new Date(at));
      expect(consentAllowing([doh], 'doh-exchange', new Date(at)) !== undefined, at).toBe(inside);
    }
  });
});

describe('going ahead without consent', () => {
  const reason = 'Acute suicide risk; the person cannot be asked now';

  it('is open with the consent, whoever writes', () => {
    expect(decideConsentGate(true, undefined, staff('caseworker'))).toEqual({ kind: 'allowed' });
  });

  it('is refused without consent and without a stated reason', () => {
    expect(decideConsentGate(false, undefined, staff('psychiatrist'))).toEqual({ kind: 'missing-consent' });
  });

  it.each(['psychologist', 'psychiatrist', 'supervisor'] as const)('is an override when a %s states the risk to life', (role) => {
    expect(decideConsentGate(false, reason, staff(role))).toEqual({ kind: 'override', reason });
  });

  it.each(['caseworker', 'reporter', 'admin'] as const)('is forbidden to a %s even with a reason', (role) => {
    expect(decideConsentGate(false, reason, staff(role))).toEqual({ kind: 'override-forbidden' });
  });

  it('reads the reason from the consent-override-reason extension, ignoring blank text', () => {
    const url = 'https://hiwa.health/fhir/StructureDefinition/consent-override-reason';
    expect(overrideReason({ extension: [{ url, valueString: ` ${reason} ` }] })).toBe(reason);
    expect(overrideReason({ extension: [{ url, valueString: '  ' }] })).toBeUndefined();
    expect(overrideReason({})).toBeUndefined();
  });
});
