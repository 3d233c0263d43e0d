import type { Consent, Patient } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { loadConfig } from '../../server/config.js';
import { completedResponse, type Answers } from '../../seed/demo-data/responses.js';
import { search } from '../clinical/fixtures.js';
import { useTestServer } from '../support/suite.js';

/**
 * A completed consent form becomes the patient's Consents, one per purpose agreed, in the form's own
 * transaction: the shape the consent gates and the Directorate's access rule read. For a child under the
 * configured age a caregiver (RelatedPerson) consents and, from the assent age, the child's assent is
 * recorded on each Consent.
 */

const suite = useTestServer();
const { fhir } = suite;
let partnerOrg: string;
const PURPOSE = 'https://hiwa.health/fhir/CodeSystem/consent-purpose';
const ASSENT = 'https://hiwa.health/fhir/StructureDefinition/child-assent';
const YEAR = 365.25 * 86_400_000;

beforeAll(async () => {
  partnerOrg = (await createOrganization(suite.server.auth, { name: 'Harikar Livelihoods' })).id as string;
});

async function patientAged(years: number): Promise<string> {
  const birthDate = new Date(Date.now() - years * YEAR - 30 * 86_400_000).toISOString().slice(0, 10);
  const patient: Patient = {
    resourceType: 'Patient',
    name: [{ family: 'Hassan', given: ['Zozan'] }],
    gender: 'female',
    birthDate,
    managingOrganization: { reference: `Organization/${suite.server.organizationId}` },
    extension: [{ url: 'https://hiwa.health/fhir/StructureDefinition/registration-site', valueReference: { reference: `Location/${suite.server.siteId}` } }],
  };
  const res = await fhir('POST', 'Patient', patient);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const explained: Answers = {
  'consent-explained-services': true,
  'consent-explained-confidentiality-limits': true,
  'consent-explained-withdrawal': true,
  'consent-understood': true,
  'consent-to-services': true,
  'consent-to-data-collection': true,
  'consent-to-electronic-storage': true,
  'consent-to-contact': false,
  'consent-method': 'verbal',
  'consent-date': new Date().toISOString().slice(0, 10),
};

function form(patientId: string, answers: Answers, source?: string) {
  const { id: _id, ...response } = completedResponse(
    'CONSENT',
    {
      id: 'unused',
      subject: { reference: `Patient/${patientId}` },
      author: { reference: `Practitioner/${suite.server.account.practitionerId}` },
      ...(source === undefined ? {} : { source: { reference: source } }),
      authored: new Date().toISOString(),
    },
    { ...explained, ...answers },
  );
  return response;
}

const consentsOf = (patientId: string): Promise<Consent[]> => search(fhir, 'Consent', `patient=Patient/${patientId}`);
const purposeOf = (c: Consent) => c.category?.flatMap((cat) => cat.coding ?? []).find((x) => x.system === PURPOSE)?.code;

describe('an adult\'s consent form', () => {
  it('yields one Consent per purpose agreed, each pointing at the form, and the gates accept them', async () => {
    const patientId = await patientAged(34);
    const res = await fhir(
      'POST',
      'QuestionnaireResponse',
      form(patientId, {
        'consent-person-is-child': false,
        'consent-to-services': true,
        'consent-to-data-collection': true,
        'consent-to-electronic-storage': true,
        'consent-sharing': [
          { 'consent-sharing-organisation': 'Harikar Livelihoods', 'consent-sharing-permitted': true, 'consent-sharing-purpose': 'referral', 'consent-sharing-data-categories': ['identification', 'case-summary'], 'consent-sharing-valid-until': '2027-06-01' },
          { 'consent-sharing-organisation': 'Dr Karim private clinic', 'consent-sharing-permitted': false, 'consent-sharing-valid-until': '2027-06-01' },
        ],
        'consent-to-contact': true,
        'consent-contact-channels': ['phone-call', 'sms'],
        'consent-reporting-opt-in': true,
        'consent-research-opt-in': false,
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const consents = await consentsOf(patientId);
    expect(consents.map(purposeOf).sort()).toEqual(['contact', 'data-collection', 'doh-exchange', 'services', 'sharing']);
    for (const c of consents) {
      expect(c.status).toBe('active');
      expect(c.sourceReference?.reference).toBe(`QuestionnaireResponse/${res.body.id}`);
      expect(c.performer?.[0]?.reference).toBe(`Patient/${patientId}`);
      expect(c.policyRule?.coding?.[0]?.code).toBe('OPTIN');
      expect(c.extension).toBeUndefined();
    }
    const sharing = consents.find((c) => purposeOf(c) === 'sharing') as Consent;
    expect(sharing.provision?.actor?.[0]?.reference?.reference).toBe(`Organization/${partnerOrg}`);
    // valid until 1 June 2027 in Baghdad: the end of that day there, 21:00 UTC
    expect(sharing.provision?.period?.end).toBe('2027-06-01T20:59:59.999Z');
    expect(sharing.provision?.code?.map((c) => c.coding?.[0]?.code)).toEqual(['identification', 'case-summary']);
    expect(sharing.provision?.purpose?.[0]?.code).toBe('referral');
    // the consent gate of a case reads the services Consent
    const episode = await fhir('POST', 'EpisodeOfCare', { resourceType: 'EpisodeOfCare', status: 'active', patient: { reference: `Patient/${patientId}` } });
    expect(episode.status, JSON.stringify(episode.body)).toBe(201);
    // the referral gate reads the sharing Consent naming the partner
    const referral = await fhir('POST', 'ServiceRequest', {
      resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: `Patient/${patientId}` }, performer: [{ reference: `Organization/${partnerOrg}` }],
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
  });

  it('a form still in progress yields nothing; completing it does, once', async () => {
    const patientId = await patientAged(40);
    const draft = await fhir('POST', 'QuestionnaireResponse', { ...form(patientId, { 'consent-person-is-child': false, 'consent-to-services': true }), status: 'in-progress' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(await consentsOf(patientId)).toEqual([]);
    const done = await fhir('PUT', `QuestionnaireResponse/${draft.body.id}`, { ...draft.body, status: 'completed' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await consentsOf(patientId)).map(purposeOf).sort()).toEqual(['data-collection', 'services']);
    expect((await fhir('PUT', `QuestionnaireResponse/${draft.body.id}`, { ...done.body, status: 'amended' })).status).toBe(200);
    expect(await consentsOf(patientId)).toHaveLength(2);
  });
});

describe('a child\'s consent form', () => {
  const caregiverSays: Answers = {
    'consent-person-is-child': true,
    'consent-child-own-consent': false,
    'consent-caregiver-name': 'Nasrin Hassan',
    'consent-caregiver-relationship': 'mother',
    'consent-caregiver-consent': true,
    'consent-to-services': true,
    'consent-to-data-collection': true,
    'consent-to-electronic-storage': true,
  };

  it('the caregiver consents (a RelatedPerson recorded from the form) and the child\'s assent is on each Consent', async () => {
    const patientId = await patientAged(11);
    const res = await fhir('POST', 'QuestionnaireResponse', form(patientId, { ...caregiverSays, 'consent-child-assent': true }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [caregiver] = await search(fhir, 'RelatedPerson', `patient=Patient/${patientId}`);
    expect(caregiver.name[0].text).toBe('Nasrin Hassan');
    expect(caregiver.relationship.flatMap((r: { coding: { code: string }[] }) => r.coding.map((c) => c.code))).toContain('mother');
    const consents = await consentsOf(patientId);
    expect(consents.map(purposeOf).sort()).toEqual(['data-collection', 'services']);
    for (const c of consents) {
      expect(c.performer?.[0]?.reference).toBe(`RelatedPerson/${caregiver.id}`);
      expect(c.extension).toEqual([{ url: ASSENT, valueCode: 'given' }]);
    }
  });

  it('the caregiver named as the response\'s source is the one who consents; a declined assent is recorded as declined', async () => {
    const patientId = await patientAged(15);
    const mother = await fhir('POST', 'RelatedPerson', { resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ text: 'Gulistan' }] });
    const res = await fhir('POST', 'QuestionnaireResponse', form(patientId, { ...caregiverSays, 'consent-child-assent': false }, `RelatedPerson/${mother.body.id}`));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await search(fhir, 'RelatedPerson', `patient=Patient/${patientId}`)).toHaveLength(1);
    const consents = await consentsOf(patientId);
    expect(consents.every((c) => c.performer?.[0]?.reference === `RelatedPerson/${mother.body.id}`)).toBe(true);
    expect(consents.every((c) => c.extension?.[0]?.valueCode === 'declined')).toBe(true);
  });

  it('from the assent age, a form without the child\'s assent is refused (422 naming the question) and nothing is stored', async () => {
    const patientId = await patientAged(9);
    const res = await fhir('POST', 'QuestionnaireResponse', form(patientId, caregiverSays));
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression[0]).toContain("linkId = 'consent-child-assent'");
    expect(await consentsOf(patientId)).toEqual([]);
    expect(await search(fhir, 'QuestionnaireResponse', `subject=Patient/${patientId}`)).toEqual([]);
    expect(await search(fhir, 'RelatedPerson', `patient=Patient/${patientId}`)).toEqual([]);
  });

  it('below the assent age the assent is not asked', async () => {
    const patientId = await patientAged(4);
    const res = await fhir('POST', 'QuestionnaireResponse', form(patientId, caregiverSays));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await consentsOf(patientId)).every((c) => c.extension?.[0]?.valueCode === 'not-asked')).toBe(true);
  });

  it('a person under the adult age whose form was answered as for an adult is refused (422)', async () => {
    const patientId = await patientAged(16);
    const res = await fhir('POST', 'QuestionnaireResponse', form(patientId, { 'consent-person-is-child': false, 'consent-to-services': true }));
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression[0]).toContain("linkId = 'consent-person-is-child'");
  });

  it('a caregiver who does not consent: no Consent at all', async () => {
    const patientId = await patientAged(12);
    const res = await fhir('POST', 'QuestionnaireResponse', form(patientId, { ...caregiverSays, 'consent-caregiver-consent': false }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await consentsOf(patientId)).toEqual([]);
  });
});

describe('a later consent form that refuses what an earlier one agreed', () => {
  const adult = (answers: Answers, date?: string): Answers => ({
    'consent-person-is-child': false,
    ...answers,
    ...(date === undefined ? {} : { 'consent-date': date }),
  });
  const byPurpose = (consents: Consent[], purpose: string) => consents.filter((c) => purposeOf(c) === purpose);
  const withdrawalTasks = (patientId: string) =>
    search(fhir, 'Task', `patient=Patient/${patientId}&code=https://hiwa.health/fhir/CodeSystem/task-type|consent-withdrawn`);

  it('withdraws the earlier Consents of each purpose answered No, sharing per organisation; what it agrees or leaves unanswered stays', async () => {
    const patientId = await patientAged(29);
    const sharingWith = (organisation: string, permitted: boolean) => ({
      'consent-sharing-organisation': organisation,
      'consent-sharing-permitted': permitted,
      'consent-sharing-valid-until': '2027-06-01',
    });
    const first = await fhir('POST', 'QuestionnaireResponse', form(patientId, adult({
      'consent-to-contact': true,
      'consent-reporting-opt-in': true,
      'consent-research-opt-in': true,
      'consent-sharing': [sharingWith('Harikar Livelihoods', true), sharingWith('Dr Karim private clinic', true)],
    })));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const agreed = await consentsOf(patientId);
    expect(agreed.map(purposeOf).sort()).toEqual(['contact', 'data-collection', 'doh-exchange', 'reporting', 'services', 'sharing', 'sharing']);

    // The person comes back: no more Directorate exchange, no more sharing with the partner; research not asked.
    const second = await fhir('POST', 'QuestionnaireResponse', form(patientId, adult({
      'consent-to-contact': true,
      'consent-reporting-opt-in': false,
      'consent-sharing': [sharingWith('Harikar Livelihoods', false)],
    })));
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const now = await consentsOf(patientId);
    const statusOf = (c: Consent) => now.find((x) => x.id === c.id)?.status;
    const doh = byPurpose(agreed, 'doh-exchange');
    expect(doh.map(statusOf)).toEqual(['inactive']);
    const sharing = byPurpose(agreed, 'sharing');
    const partner = sharing.find((c) => c.provision?.actor?.[0]?.reference?.reference === `Organization/${partnerOrg}`) as Consent;
    const clinic = sharing.find((c) => c.provision?.actor?.[0]?.reference?.display === 'Dr Karim private clinic') as Consent;
    expect([statusOf(partner), statusOf(clinic)]).toEqual(['inactive', 'active']);
    for (const purpose of ['services', 'data-collection', 'contact', 'reporting']) expect(byPurpose(agreed, purpose).map(statusOf)).toEqual(['active']);
    // the new form's own Consent to services is there beside the earlier one
    expect(byPurpose(now, 'services').filter((c) => c.status === 'active')).toHaveLength(2);
    // each withdrawal shows as one made by hand does: a consent-withdrawn Task naming the Consent
    const tasks = await withdrawalTasks(patientId);
    expect(tasks.map((t: { input: { valueReference: { reference: string } }[] }) => t.input[0].valueReference.reference).sort()).toEqual(
      [`Consent/${partner.id}`, `Consent/${doh[0].id}`].sort(),
    );
  });

  it('a caregiver who no longer consents for a child withdraws every earlier Consent', async () => {
    const patientId = await patientAged(10);
    const caregiver = { 'consent-person-is-child': true, 'consent-child-own-consent': false, 'consent-caregiver-name': 'Nasrin Hassan', 'consent-caregiver-relationship': 'mother', 'consent-child-assent': true };
    const first = await fhir('POST', 'QuestionnaireResponse', form(patientId, { ...caregiver, 'consent-caregiver-consent': true, 'consent-to-services': true, 'consent-reporting-opt-in': true }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await consentsOf(patientId)).map(purposeOf).sort()).toEqual(['data-collection', 'doh-exchange', 'services']);
    const second = await fhir('POST', 'QuestionnaireResponse', form(patientId, { ...caregiver, 'consent-caregiver-consent': false }));
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect((await consentsOf(patientId)).map((c) => c.status)).toEqual(['inactive', 'inactive', 'inactive']);
  });

  it('an older paper form entered late does not undo a later decision', async () => {
    const patientId = await patientAged(45);
    const today = new Date().toISOString().slice(0, 10);
    expect((await fhir('POST', 'QuestionnaireResponse', form(patientId, adult({ 'consent-reporting-opt-in': true }, today)))).status).toBe(201);
    const old = await fhir('POST', 'QuestionnaireResponse', form(patientId, adult({ 'consent-reporting-opt-in': false }, '2025-03-01')));
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect(byPurpose(await consentsOf(patientId), 'doh-exchange').map((c) => c.status)).toEqual(['active']);
    expect(await withdrawalTasks(patientId)).toEqual([]);
  });
});

describe('configuration', () => {
  it('CONSENT_ADULT_AGE (18) and CONSENT_ASSENT_FROM_AGE (7); answer times, working days and time zone', () => {
    const defaults = loadConfig({}).workflow;
    expect(defaults).toEqual({ consentAdultAge: 18, assentFromAge: 7, answerWorkingDays: 2, urgentAnswerHours: 4, workingDays: ['sun', 'mon', 'tue', 'wed', 'thu'], timeZone: 'Asia/Baghdad' });
    const set = loadConfig({ CONSENT_ADULT_AGE: '16', CONSENT_ASSENT_FROM_AGE: '12', WORKING_DAYS: 'mon,tue,wed,thu,fri', TIME_ZONE: 'Europe/Berlin' }).workflow;
    expect(set).toMatchObject({ consentAdultAge: 16, assentFromAge: 12, workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'Europe/Berlin' });
    expect(() => loadConfig({ WORKING_DAYS: 'sun,funday' })).toThrow(/WORKING_DAYS/);
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE/);
  });
});
