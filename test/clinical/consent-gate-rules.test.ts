import type { EpisodeOfCare, ServiceRequest } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { consentFor } from '../access/consents.js';
import { useTestServer } from '../support/suite.js';
import { createPatient, search } from './fixtures.js';
import { member, setStatus, type Member } from './workflow-fixtures.js';

/**
 * The consent gates: no case opened or made active without the patient's active consent to services, no
 * referral to another organisation without their active consent to share with it; each refusal a 409 naming
 * the consent. A clinician may go ahead for a risk to life, stating why: audited, and reviewed by the
 * patient's supervisors.
 */

const suite = useTestServer();
const { fhir } = suite; // the test supervisor
let caseworker: Member;
let psychologist: Member;
let psychiatrist: Member;
let partner: Member;
let partnerOrg: string;

const OVERRIDE = 'https://hiwa.health/fhir/StructureDefinition/consent-override-reason';
const reason = 'Acute suicide risk: the person cannot take part in a consent conversation today';

beforeAll(async () => {
  caseworker = await member(suite.server, 'caseworker');
  psychologist = await member(suite.server, 'psychologist');
  psychiatrist = await member(suite.server, 'psychiatrist');
  partnerOrg = (await createOrganization(suite.server.auth, { name: 'Partner CSO' })).id as string;
  const partnerSite = (await createSite(suite.server.auth, { name: 'Partner site', organization: partnerOrg })).id as string;
  partner = await member(suite.server, 'psychologist', { organization: partnerOrg, sites: [partnerSite] });
});

const episodeOf = (patientId: string, status: EpisodeOfCare['status'] = 'active'): EpisodeOfCare => ({
  resourceType: 'EpisodeOfCare',
  status,
  patient: { reference: `Patient/${patientId}` },
});

const referralOf = (patientId: string, performer: string, extra: Partial<ServiceRequest> = {}): ServiceRequest => ({
  resourceType: 'ServiceRequest',
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${patientId}` },
  requester: { reference: psychologist.reference },
  performer: [{ reference: performer }],
  ...extra,
});

async function consent(patientId: string, purpose: 'services' | 'sharing', options: { actorOrganizationId?: string; until?: string } = {}): Promise<void> {
  expect((await fhir('POST', 'Consent', consentFor({ patientId, purpose, ...options }))).status).toBe(201);
}

const reviewTasksOf = (reference: string) => search(fhir, 'Task', `focus=${reference}`);

describe('a case needs the consent to services', () => {
  it('without it, opening a case is a 409 naming the missing consent, and nothing is stored', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const res = await caseworker.fhir('POST', 'EpisodeOfCare', episodeOf(patientId));
    expect(res.status).toBe(409);
    expect(res.body.issue[0]).toMatchObject({ code: 'business-rule', expression: ['EpisodeOfCare.patient'] });
    expect(res.body.issue[0].diagnostics).toContain('consent to services');
    expect(await search(fhir, 'EpisodeOfCare', `patient=Patient/${patientId}`)).toEqual([]);
  });

  it('with it, the case opens; a consent recorded in the same transaction counts', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const res = await caseworker.fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: episodeOf(patientId), request: { method: 'POST', url: 'EpisodeOfCare' } },
        { resource: consentFor({ patientId, purpose: 'services' }), request: { method: 'POST', url: 'Consent' } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('a consent for another purpose, or one withdrawn, does not open it; withdrawal also stops a waiting case being made active', async () => {
    const patientId = await createPatient(fhir, suite.server);
    await consent(patientId, 'sharing', { actorOrganizationId: partnerOrg });
    expect((await caseworker.fhir('POST', 'EpisodeOfCare', episodeOf(patientId))).status).toBe(409);

    const services = (await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'services' }))).body;
    const waiting: EpisodeOfCare = (await caseworker.fhir('POST', 'EpisodeOfCare', episodeOf(patientId, 'waitlist'))).body;
    expect((await fhir('PUT', `Consent/${services.id}`, { ...services, status: 'inactive' })).status).toBe(200);
    const res = await setStatus(caseworker.fhir, 'PATCH', waiting, { status: 'active' });
    expect(res.status).toBe(409);
    expect(res.body.issue[0].diagnostics).toContain('consent to services');
  });

  it('a clinician may open it for a risk to life, stating why: audited, and the supervisors get an urgent review Task', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const res = await psychiatrist.fhir('POST', 'EpisodeOfCare', { ...episodeOf(patientId), extension: [{ url: OVERRIDE, valueString: reason }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);

    const [review] = await reviewTasksOf(`EpisodeOfCare/${res.body.id}`);
    expect(review).toMatchObject({
      status: 'requested',
      priority: 'urgent',
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'consent-override-review' }] },
      for: { reference: `Patient/${patientId}` },
      requester: { reference: psychiatrist.reference },
      performerType: [{ coding: [expect.objectContaining({ code: 'supervisor' })] }],
    });
    expect(review.description).toContain(reason);
    expect(review.reasonCode).toEqual({ text: reason }); // the clinician's words alone, for a client to show in its own language
    expect(review.restriction.recipient).toContainEqual(expect.objectContaining({ reference: `PractitionerRole/${suite.server.account.practitionerRoleId}` }));

    const events = await search(fhir, 'AuditEvent', `subtype=https://hiwa.health/fhir/CodeSystem/audit-event-subtype|consent-override&agent=${psychiatrist.reference}`);
    expect(events).toHaveLength(1);
    expect(events[0].purposeOfEvent[0].text).toBe(`no services consent: ${reason}`);
    expect(events[0].entity.map((e: { what: { reference: string } }) => e.what.reference)).toEqual(
      expect.arrayContaining([`Patient/${patientId}`, `EpisodeOfCare/${res.body.id}`]),
    );
  });

  it('a caseworker may not override (403), with or without a reason', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const res = await caseworker.fhir('POST', 'EpisodeOfCare', { ...episodeOf(patientId), extension: [{ url: OVERRIDE, valueString: reason }] });
    expect(res.status).toBe(403);
    expect(res.body.issue[0].diagnostics).toContain('psychologist, psychiatrist or supervisor');
  });
});

describe('a referral to another organisation needs the consent to share with it', () => {
  it('within the organisation no sharing consent is needed', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const res = await psychologist.fhir('POST', 'ServiceRequest', referralOf(patientId, psychiatrist.reference));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('to the partner organisation, or a practitioner working there, without consent: 409 naming the organisation', async () => {
    const patientId = await createPatient(fhir, suite.server);
    for (const performer of [`Organization/${partnerOrg}`, partner.reference, `PractitionerRole/${partner.account.practitionerRoleId}`]) {
      const res = await psychologist.fhir('POST', 'ServiceRequest', referralOf(patientId, performer));
      expect(res.status, performer).toBe(409);
      expect(res.body.issue[0].expression).toEqual(['ServiceRequest.performer']);
      expect(res.body.issue[0].diagnostics).toContain(`Organization/${partnerOrg}`);
    }
  });

  it('a sharing consent naming another organisation, or one that has ended, does not allow it', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const elsewhere = (await createOrganization(suite.server.auth, { name: 'Third CSO' })).id as string;
    await consent(patientId, 'sharing', { actorOrganizationId: elsewhere });
    await consent(patientId, 'sharing', { actorOrganizationId: partnerOrg, until: '2021-01-01' });
    expect((await psychologist.fhir('POST', 'ServiceRequest', referralOf(patientId, `Organization/${partnerOrg}`))).status).toBe(409);
  });

  it('with the active consent naming the partner it goes through; naming a new outside organisation later is checked again', async () => {
    const patientId = await createPatient(fhir, suite.server);
    await consent(patientId, 'sharing', { actorOrganizationId: partnerOrg });
    const res = await psychologist.fhir('POST', 'ServiceRequest', referralOf(patientId, partner.reference));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const third = (await createOrganization(suite.server.auth, { name: 'Fourth CSO' })).id as string;
    const moved = await psychologist.fhir('PUT', `ServiceRequest/${res.body.id}`, { ...res.body, performer: [{ reference: `Organization/${third}` }] });
    expect(moved.status).toBe(409);
    expect(moved.body.issue[0].diagnostics).toContain(`Organization/${third}`);
  });

  it('a clinician may refer without it for a risk to life, with a review Task; a caseworker may not', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const overridden = referralOf(patientId, `Organization/${partnerOrg}`, { extension: [{ url: OVERRIDE, valueString: reason }] });
    expect((await caseworker.fhir('POST', 'ServiceRequest', overridden)).status).toBe(403);
    const res = await psychologist.fhir('POST', 'ServiceRequest', overridden);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [review] = await reviewTasksOf(`ServiceRequest/${res.body.id}`);
    expect(review?.description).toContain('sharing consent');
  });
});
