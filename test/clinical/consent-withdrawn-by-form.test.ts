import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { ConsentFormAnswers } from '../../server/clinical/consent-form.js';
import { consentsFromForm, consentsWithdrawnByForm, type ExtractionFacts, type Respondent } from '../../server/clinical/consent-extraction.js';

/**
 * A completed consent form is the person's decision now: a purpose it answers No withdraws the patient's
 * earlier active Consents of that purpose (sharing per organisation), a caregiver's refusal all of them,
 * and neither an unanswered question nor a Consent that starts after the form's date is touched.
 */

const partner = { reference: 'Organization/partner', display: 'Harikar Livelihoods' };
const facts = (respondent: Respondent, authored: string): ExtractionFacts => ({
  response: { resourceType: 'QuestionnaireResponse', id: `qr-${authored}`, status: 'completed', authored },
  patient: { reference: 'Patient/p1' },
  respondent,
  receivingOrganizations: new Map([['Harikar Livelihoods', partner]]),
  timeZone: 'Asia/Baghdad',
});
const person: Respondent = { kind: 'person' };
const answers = (given: Partial<ConsentFormAnswers>): ConsentFormAnswers => ({ sharing: [], contactChannels: [], ...given });
const sharing = (organisation: string, permitted: boolean | undefined) => ({ organisation, permitted, dataCategories: [] });

/** What a first form agreed to on 1 March: every purpose, sharing with the partner and with a clinic outside the directory. */
const earlier: Consent[] = consentsFromForm(
  answers({
    services: true,
    dataCollection: true,
    contact: true,
    dohReporting: true,
    research: true,
    sharing: [sharing('Harikar Livelihoods', true), sharing('Dr Karim private clinic', true)],
  }),
  facts(person, '2026-03-01T09:00:00Z'),
).map((c, i) => ({ ...c, id: `c${i}` }));
const purpose = (c: Consent) => c.category?.[1]?.coding?.[0]?.code;
const receiver = (c: Consent) => c.provision?.actor?.[0]?.reference?.reference ?? c.provision?.actor?.[0]?.reference?.display;
const withdrawn = (form: ConsentFormAnswers, respondent: Respondent = person, authored = '2026-06-01T09:00:00Z', active = earlier) =>
  consentsWithdrawnByForm(form, facts(respondent, authored), active).map((c) => (purpose(c) === 'sharing' ? `sharing ${receiver(c)}` : purpose(c)));

describe('the Consents a later form withdraws', () => {
  it('each purpose answered No, by its own question', () => {
    expect(withdrawn(answers({ services: false }))).toEqual(['services']);
    expect(withdrawn(answers({ dataCollection: false }))).toEqual(['data-collection']);
    expect(withdrawn(answers({ contact: false }))).toEqual(['contact']);
    expect(withdrawn(answers({ dohReporting: false }))).toEqual(['doh-exchange']);
    expect(withdrawn(answers({ research: false }))).toEqual(['reporting']);
  });

  it('nothing for a Yes or an unanswered question', () => {
    expect(withdrawn(answers({ services: true, dataCollection: true, contact: true, dohReporting: true, research: true }))).toEqual([]);
    expect(withdrawn(answers({}))).toEqual([]);
    expect(withdrawn(answers({ sharing: [sharing('Harikar Livelihoods', undefined)] }))).toEqual([]);
  });

  it('sharing answered No ends the sharing with that organisation only: one of the directory by reference, another by name', () => {
    expect(withdrawn(answers({ sharing: [sharing('Harikar Livelihoods', false)] }))).toEqual(['sharing Organization/partner']);
    expect(withdrawn(answers({ sharing: [sharing('Dr Karim private clinic', false)] }))).toEqual(['sharing Dr Karim private clinic']);
    expect(withdrawn(answers({ sharing: [sharing('Another clinic', false)] }))).toEqual([]);
  });

  it('a caregiver who does not consent for the child withdraws everything', () => {
    expect(withdrawn(answers({ caregiverConsent: false }), { kind: 'nobody' })).toHaveLength(earlier.length);
  });

  it('only active Consents, and none that starts after the form’s date (the same day counts)', () => {
    const inactive = earlier.map((c) => ({ ...c, status: 'inactive' as const }));
    expect(withdrawn(answers({ services: false }), person, '2026-06-01T09:00:00Z', inactive)).toEqual([]);
    expect(withdrawn(answers({ services: false }), person, '2026-02-28T09:00:00Z')).toEqual([]);
    expect(withdrawn(answers({ services: false }), person, '2026-03-01T08:00:00Z')).toEqual(['services']);
    expect(withdrawn(answers({ services: false, consentDate: '2026-02-01' }), person, '2026-06-01T09:00:00Z')).toEqual([]);
  });
});
