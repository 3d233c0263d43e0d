import type { CodeableConcept, Consent, QuestionnaireResponse, Reference } from '@medplum/fhirtypes';
import { CONSENT_PURPOSE_SYSTEM } from '../../server/store/patient-access.js';
import { DEMO_PARTNER } from '../demo-accounts.js';
import { practitioner, type DemoContext } from './context.js';
import type { DemoPerson } from './people.js';
import { completedResponse, type Answers } from './responses.js';
import { DAY, dateOf, instant, plus } from './time.js';

type ConsentPurpose = 'services' | 'sharing' | 'doh-exchange';

export interface ConsentRecords {
  /** the signed consent form and one Consent per purpose agreed, recorded together */
  resources: (QuestionnaireResponse | Consent)[];
  /** the Directorate-of-Health exchange Consent, when given (a later withdrawal is a new version of it) */
  doh?: Consent;
}

/**
 * What a first visit records about consent: the consent form as the person (or a child's caregiver) answered
 * it, and, from it, one FHIR Consent per purpose: services always, sharing with the partner CSO and exchange
 * with the Directorate of Health when the person agreed. Each Consent points at the form (`sourceReference`).
 */
export function consentRecords(person: DemoPerson, context: DemoContext, at: Date): ConsentRecords {
  const author = practitioner(context, person.registrar);
  const form = completedResponse(
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
  const signed: Reference<QuestionnaireResponse> = { reference: `QuestionnaireResponse/${form.id}` };
  const consent = (purpose: ConsentPurpose, extra: Partial<Consent> = {}): Consent =>
    consentFor(person, purpose, at, signed, extra);
  const shares = person.entry.sharesWithPartner === true;
  const doh = person.entry.doh === undefined ? undefined : consent('doh-exchange', { provision: provisionFor(context.directorateId, at) });
  return {
    resources: [
      form,
      consent('services'),
      ...(shares ? [consent('sharing', { provision: provisionFor(context.partnerId, at, plus(at, 180 * DAY)) })] : []),
      ...(doh === undefined ? [] : [doh]),
    ],
    ...(doh === undefined ? {} : { doh }),
  };
}

/** Withdrawal never deletes: the Consent becomes inactive, and from then on the Directorate sees nothing more. */
export function withdrawn(consent: Consent): Consent {
  return { ...consent, status: 'inactive' };
}

const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';

function consentFor(
  person: DemoPerson,
  purpose: ConsentPurpose,
  at: Date,
  source: Reference<QuestionnaireResponse>,
  extra: Partial<Consent>,
): Consent {
  const treatment = purpose === 'services';
  const document: CodeableConcept = treatment
    ? { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }
    : { coding: [{ system: 'http://loinc.org', code: '64292-6', display: 'Release of information consent' }] };
  return {
    resourceType: 'Consent',
    id: person.newId(),
    status: 'active',
    scope: { coding: [{ system: CONSENT_SCOPE, code: treatment ? 'treatment' : 'patient-privacy' }] },
    category: [document, { coding: [{ system: CONSENT_PURPOSE_SYSTEM, code: purpose }] }],
    patient: person.reference,
    dateTime: instant(at),
    performer: [person.caregiver === undefined ? person.reference : { reference: `RelatedPerson/${person.caregiver.id}` }],
    organization: [{ reference: `Organization/${person.site.organizationId}` }],
    sourceReference: source,
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: { type: 'permit', period: { start: instant(at) } },
    ...extra,
  };
}

/** Permission for one organisation to receive the record, from the day of consent (until a date, if given). */
function provisionFor(organizationId: string, from: Date, until?: Date): Consent['provision'] {
  return {
    type: 'permit',
    period: { start: instant(from), ...(until === undefined ? {} : { end: instant(until) }) },
    actor: [
      {
        role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
        reference: { reference: `Organization/${organizationId}` },
      },
    ],
  };
}

function consentAnswers(person: DemoPerson, witness: string, at: Date): Answers {
  const { rnd, caregiver, entry } = person;
  const contact = rnd.chance(0.85);
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
    ...(entry.sharesWithPartner
      ? {
          'consent-sharing': [
            {
              'consent-sharing-organisation': DEMO_PARTNER,
              'consent-sharing-permitted': true,
              'consent-sharing-purpose': 'referral',
              'consent-sharing-data-categories': ['identification', 'case-summary'],
              'consent-sharing-valid-until': dateOf(plus(at, 180 * DAY)),
            },
          ],
        }
      : {}),
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
