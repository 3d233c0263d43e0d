import type { Consent, QuestionnaireResponse } from '@medplum/fhirtypes';
import { findResources } from '../../server/clinical/find-resources.js';
import { CONSENT_PURPOSE_SYSTEM } from '../../server/clinical/workflow-codes.js';
import type { Repository } from '../../server/store/repository.js';
import { DEMO_PARTNER, DEMO_PROGRAMME } from '../demo-accounts.js';
import { practitioner, type DemoContext } from './context.js';
import type { DemoPerson } from './people.js';
import { completedResponse, type Answers } from './responses.js';
import { DAY, dateOf, instant, plus } from './time.js';

/**
 * What a first visit records about consent: the consent form as the person (or a child's caregiver) answered
 * it. The server's rules turn it into one FHIR Consent per purpose agreed (services; data collection; sharing
 * with the partner CSO when the person agreed; contact; exchange with the Directorate of Health; research),
 * each pointing at the form, exactly as they do for any client.
 */
export function consentForm(person: DemoPerson, context: DemoContext, at: Date): QuestionnaireResponse {
  const author = practitioner(context, person.registrar);
  return completedResponse(
    'CONSENT',
    {
      id: person.newId(),
      subject: person.reference,
      author,
      ...(person.caregiver === undefined ? {} : { source: { reference: `RelatedPerson/${person.caregiver.id}` } }),
      authored: instant(at),
    },
    consentAnswers(person, author.display ?? '', at),
  );
}

/**
 * Withdrawal never deletes: the person's Consent to a purpose becomes inactive (found as the server made it
 * from the form), and from then on whatever depended on it ends.
 */
export function withdrawConsent(person: DemoPerson, purpose: 'doh-exchange' | 'sharing'): (repo: Repository) => Promise<void> {
  return async (repo) => {
    const [consent] = await findResources<Consent>(repo, 'Consent', [
      ['patient', person.reference.reference as string],
      ['category', `${CONSENT_PURPOSE_SYSTEM}|${purpose}`],
      ['status', 'active'],
    ]);
    if (consent === undefined) throw new Error(`demo data: no active ${purpose} consent to withdraw`);
    await repo.update<Consent>({ ...consent, status: 'inactive' });
  };
}

function consentAnswers(person: DemoPerson, witness: string, at: Date): Answers {
  const { rnd, caregiver, entry } = person;
  const contact = rnd.chance(0.85);
  // the programme's beneficiaries may be referred to the partner CSO, the partner's to the programme's psychiatrist
  const sharedWith = [...(entry.sharesWithPartner ? [DEMO_PARTNER] : []), ...(entry.story === 'referral-from-partner' ? [DEMO_PROGRAMME] : [])];
  return {
    'consent-explained-services': true,
    'consent-explained-confidentiality-limits': true,
    'consent-explained-withdrawal': true,
    'consent-understood': true,
    'consent-person-is-child': caregiver !== undefined,
    ...(caregiver === undefined
      ? {}
      : {
          'consent-child-own-consent': false,
          'consent-caregiver-name': caregiver.name?.[0]?.text ?? '',
          'consent-caregiver-relationship': 'mother',
          'consent-caregiver-consent': true,
          'consent-child-assent': true,
        }),
    'consent-to-services': true,
    'consent-to-data-collection': true,
    'consent-to-electronic-storage': true,
    ...(sharedWith.length === 0
      ? {}
      : {
          'consent-sharing': sharedWith.map((organisation) => ({
            'consent-sharing-organisation': organisation,
            'consent-sharing-permitted': true,
            'consent-sharing-purpose': 'referral',
            'consent-sharing-data-categories': ['identification', 'case-summary', 'assessment-results'],
            'consent-sharing-valid-until': dateOf(plus(at, 180 * DAY)),
          })),
        }),
    'consent-to-contact': contact,
    ...(contact
      ? {
          'consent-contact-channels': rnd.chance(0.7) ? ['phone-call'] : ['phone-call', 'home-visit'],
          'consent-contact-safe-times': rnd.pick(['Mornings', 'After 4 pm', 'Any time except Friday']),
          'consent-contact-message-allowed': rnd.chance(0.4),
        }
      : {}),
    'consent-reporting-opt-in': entry.doh !== undefined,
    'consent-research-opt-in': rnd.chance(0.5),
    'consent-method': caregiver === undefined ? rnd.pick(['verbal', 'signature', 'thumbprint']) : 'signature',
    'consent-date': dateOf(at),
    'consent-witness': witness,
  };
}
