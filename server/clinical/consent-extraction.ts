import type { CodeableConcept, Coding, Consent, ConsentProvision, Extension, Organization, Patient, QuestionnaireResponse, Reference, RelatedPerson } from '@medplum/fhirtypes';
import { CONSENT_PURPOSE_SYSTEM, hasCode } from './workflow-codes.js';
import type { ConsentFormAnswers, SharingAnswer } from './consent-form.js';
import { endOfLocalDate } from './local-time.js';
import type { WorkflowSettings } from './workflow-settings.js';

export const CHILD_ASSENT_URL = 'https://hiwa.health/fhir/StructureDefinition/child-assent';
export type Assent = 'given' | 'declined' | 'not-asked';
export type ConsentAges = Pick<WorkflowSettings, 'consentAdultAge' | 'assentFromAge'>;

/** Who gave the consent the form records. */
export type Respondent =
  /** an adult, or a child judged mature enough to consent for themselves */
  | { kind: 'person' }
  /** a child's caregiver (a RelatedPerson), with the child's assent where it is asked */
  | { kind: 'caregiver'; assent: Assent }
  /** a child whose caregiver did not consent: nothing was agreed */
  | { kind: 'nobody' };

export interface FormProblem {
  message: string;
  linkId: string;
}

/**
 * Who consents, from the person's age at the date of consent (when the record has a birth date) or else the
 * form's own "is a child" answer: below `consentAdultAge` a caregiver consents, unless the child was judged
 * mature enough to consent alone; from `assentFromAge` the child's assent must be recorded too. A form that
 * leaves these open for a child is refused, naming the question.
 */
export function decideRespondent(form: ConsentFormAnswers, ageYears: number | undefined, ages: ConsentAges, caregiverKnown: boolean): { respondent: Respondent } | { problems: FormProblem[] } {
  const child = ageYears !== undefined ? ageYears < ages.consentAdultAge : form.personIsChild === true;
  if (!child) return { respondent: { kind: 'person' } };
  const age = ageYears === undefined ? 'a child' : `${ageYears} years old`;
  if (form.personIsChild === false) {
    return { problems: [{ linkId: 'consent-person-is-child', message: `The person is ${age}, under ${ages.consentAdultAge}: the form must be answered for a child` }] };
  }
  if (form.childOwnConsent === true) return { respondent: { kind: 'person' } };
  const problems: FormProblem[] = [];
  if (form.caregiverConsent === undefined) {
    problems.push({ linkId: 'consent-caregiver-consent', message: `The person is ${age}, under ${ages.consentAdultAge}: a caregiver consents for them (or the child is judged mature enough to consent)` });
  }
  if (form.caregiverConsent === true && !caregiverKnown && form.caregiverName === undefined) {
    problems.push({ linkId: 'consent-caregiver-name', message: 'The caregiver who consents must be named (or the response given with the RelatedPerson as its source)' });
  }
  const assentAsked = ageYears === undefined || ageYears >= ages.assentFromAge;
  if (form.caregiverConsent === true && assentAsked && form.childAssent === undefined) {
    problems.push({ linkId: 'consent-child-assent', message: `A child of ${ages.assentFromAge} or older is asked for their assent: record whether they agree` });
  }
  if (problems.length > 0) return { problems };
  if (form.caregiverConsent !== true) return { respondent: { kind: 'nobody' } };
  const assent: Assent = form.childAssent === undefined ? 'not-asked' : form.childAssent ? 'given' : 'declined';
  return { respondent: { kind: 'caregiver', assent } };
}

export interface ExtractionFacts {
  response: QuestionnaireResponse & { id: string };
  patient: Reference<Patient>;
  respondent: Respondent;
  /** the RelatedPerson who consented, for a caregiver's consent */
  caregiver?: Reference<RelatedPerson>;
  /** the organisation that holds the record (Consent.organization) */
  organization?: Reference<Organization>;
  /** each sharing answer's organisation as the directory knows it (by the text written), or by name only */
  receivingOrganizations: ReadonlyMap<string, Reference<Organization>>;
  timeZone: string;
}

/**
 * The Consent resources a completed consent form yields, one per purpose agreed: services; data collection
 * and electronic storage; sharing, one per receiving organisation, with its purpose, data and end date;
 * contact; exchange with the Directorate of Health; reporting and research. Each names the patient, who
 * consented (the person or the caregiver), the form (`sourceReference`), and for a caregiver's consent the
 * child's assent. A question answered No yields no Consent: the form keeps the refusal.
 */
export function consentsFromForm(form: ConsentFormAnswers, facts: ExtractionFacts): Consent[] {
  if (facts.respondent.kind === 'nobody') return [];
  const start = form.consentDate ?? facts.response.authored;
  const base = (purpose: string, provision: ConsentProvision = {}): Consent => consentShape(purpose, facts, start, provision);
  const consents: Consent[] = [];
  if (form.services === true) consents.push(base('services'));
  if (form.dataCollection === true) {
    const storageRefused: ConsentProvision[] =
      form.electronicStorage === false ? [{ type: 'deny', code: [{ text: 'Electronic storage', coding: [{ system: FORM_SYSTEM, code: 'electronic-storage' }] }] }] : [];
    consents.push(base('data-collection', storageRefused.length > 0 ? { provision: storageRefused } : {}));
  }
  for (const sharing of form.sharing.filter((s) => s.permitted === true)) consents.push(base('sharing', sharingProvision(sharing, facts)));
  if (form.contact === true) consents.push(base('contact', form.contactChannels.length > 0 ? { code: form.contactChannels.map(concept) } : {}));
  if (form.dohReporting === true) consents.push(base('doh-exchange'));
  if (form.research === true) consents.push(base('reporting'));
  return consents;
}

type RefusalFacts = Pick<ExtractionFacts, 'response' | 'respondent' | 'receivingOrganizations'>;

/** What a completed form refuses: purposes answered No (all of them when a caregiver refuses), and receivers of sharing answered No. */
function refusals(form: ConsentFormAnswers, facts: RefusalFacts): { purposes: string[]; receivers: Reference<Organization>[] } {
  const purposes = facts.respondent.kind === 'nobody' ? Object.keys(PURPOSE_DISPLAY) : REFUSABLE.filter(([, answer]) => answer(form) === false).map(([purpose]) => purpose);
  const receivers = form.sharing
    .filter((s) => s.permitted === false)
    .map((s) => facts.receivingOrganizations.get(s.organisation) ?? { display: s.organisation });
  return { purposes, receivers };
}

/** Whether the form refuses anything, i.e. whether earlier Consents need looking at at all. */
export function refusesAnything(form: ConsentFormAnswers, facts: RefusalFacts): boolean {
  const { purposes, receivers } = refusals(form, facts);
  return purposes.length > 0 || receivers.length > 0;
}

/**
 * The patient's active Consents a completed form withdraws. The form is the person's decision now: a purpose
 * it answers No ends their active Consents of that purpose, a sharing answered No ends the active sharing
 * with that organisation, and a caregiver who does not consent for a child ends them all. An unanswered
 * question changes nothing. A Consent that starts after the form's date is left alone, so that an old paper
 * form entered late does not undo a later decision.
 */
export function consentsWithdrawnByForm(form: ConsentFormAnswers, facts: RefusalFacts, active: readonly Consent[]): Consent[] {
  const { purposes, receivers } = refusals(form, facts);
  const formDate = (form.consentDate ?? facts.response.authored)?.slice(0, 10);
  return active.filter((consent) => {
    if (consent.status !== 'active') return false;
    const start = (consent.provision?.period?.start ?? consent.dateTime)?.slice(0, 10);
    if (formDate !== undefined && start !== undefined && start > formDate) return false;
    if (purposes.some((purpose) => isFor(consent, purpose))) return true;
    return isFor(consent, 'sharing') && receivers.some((receiver) => namesReceiver(consent, receiver));
  });
}

/** Each purpose of the form with the answer that agrees to it (sharing is answered per organisation). */
const REFUSABLE: [string, (form: ConsentFormAnswers) => boolean | undefined][] = [
  ['services', (f) => f.services],
  ['data-collection', (f) => f.dataCollection],
  ['contact', (f) => f.contact],
  ['doh-exchange', (f) => f.dohReporting],
  ['reporting', (f) => f.research],
];

function isFor(consent: Consent, purpose: string): boolean {
  return (consent.category ?? []).some((category) => hasCode(category, CONSENT_PURPOSE_SYSTEM, purpose));
}

/** Whether a sharing Consent names this receiver: the same Organization, or the same name of one outside the directory. */
function namesReceiver(consent: Consent, receiver: Reference<Organization>): boolean {
  return (consent.provision?.actor ?? []).some((a) =>
    receiver.reference !== undefined ? a.reference.reference === receiver.reference : a.reference.reference === undefined && a.reference.display === receiver.display,
  );
}

const FORM_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/consent-form';
/** The display of each code of Hiwa's consent-purpose CodeSystem. */
export const PURPOSE_DISPLAY: Record<string, string> = {
  services: 'Receiving services',
  'data-collection': 'Data collection and electronic storage',
  sharing: 'Sharing or referral',
  contact: 'Being contacted',
  'doh-exchange': 'Directorate of Health exchange',
  reporting: 'Reporting and research',
};

/** The shape the consent gates, the grants and the Directorate's access rule read (DESIGN.md, "consent"). */
function consentShape(purpose: string, facts: ExtractionFacts, start: string | undefined, provision: ConsentProvision): Consent {
  const treatment = purpose === 'services';
  const document: CodeableConcept = treatment
    ? { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }
    : { coding: [{ system: 'http://loinc.org', code: '64292-6', display: 'Release of information consent' }] };
  const scope = treatment ? 'treatment' : purpose === 'reporting' ? 'research' : 'patient-privacy';
  const assent: Extension[] =
    facts.respondent.kind === 'caregiver' ? [{ url: CHILD_ASSENT_URL, valueCode: facts.respondent.assent }] : [];
  return {
    resourceType: 'Consent',
    ...(assent.length > 0 ? { extension: assent } : {}),
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: scope }] },
    category: [document, { coding: [{ system: CONSENT_PURPOSE_SYSTEM, code: purpose, display: PURPOSE_DISPLAY[purpose] }] }],
    patient: facts.patient,
    ...(facts.response.authored === undefined ? {} : { dateTime: facts.response.authored }),
    performer: [facts.respondent.kind === 'caregiver' && facts.caregiver !== undefined ? facts.caregiver : facts.patient],
    ...(facts.organization === undefined ? {} : { organization: [facts.organization] }),
    sourceReference: { reference: `QuestionnaireResponse/${facts.response.id}` },
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: { type: 'permit', ...(start === undefined ? {} : { period: { start } }), ...provision },
  };
}

/** Sharing with one organisation: as information recipient, for the purpose and data agreed, until the date given. */
function sharingProvision(sharing: SharingAnswer, facts: ExtractionFacts): ConsentProvision {
  const receiver = facts.receivingOrganizations.get(sharing.organisation) ?? { display: sharing.organisation };
  const start = facts.response.authored;
  return {
    actor: [
      {
        role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
        reference: receiver,
      },
    ],
    ...(sharing.purpose === undefined ? {} : { purpose: [sharing.purpose] }),
    ...(sharing.dataCategories.length === 0 ? {} : { code: sharing.dataCategories.map(concept) }),
    ...(sharing.validUntil === undefined
      ? {}
      : { period: { ...(start === undefined ? {} : { start }), end: endOfLocalDate(sharing.validUntil, facts.timeZone).toISOString() } }),
  };
}

function concept(coding: Coding): CodeableConcept {
  return { coding: [coding], ...(coding.display === undefined ? {} : { text: coding.display }) };
}
