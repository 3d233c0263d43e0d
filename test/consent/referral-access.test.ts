import type { Condition, Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { consultationTransaction, type ConsultationDraft } from '../../client/src/clinical/consultation.js';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { consentFor } from '../access/consents.js';
import { createPatient, search } from '../clinical/fixtures.js';
import { member, setStatus, type Member } from '../clinical/workflow-fixtures.js';
import { useTestServer } from '../support/suite.js';

/**
 * What a referral lets its recipient read, enforced in SQL: from the moment it is requested, the referral
 * (Task, ServiceRequest) and the Patient; once accepted, the records the referrer chose; nothing else, and
 * nothing more once the referral closes or the patient's consent is withdrawn. A withdrawal also ends the
 * grants resting on the consent and shows on the case as a consent-withdrawn Task. While the referral is
 * accepted or in progress its recipient records the consultation and the diagnosis of the patient, and reads
 * them back for as long as the rest.
 */

const suite = useTestServer();
const { fhir } = suite; // the test supervisor, at the patient's site
let psychologist: Member;
let psychiatrist: Member; // same organisation, another site: reaches none of the test site's patients
let partner: Member; // another organisation
let partnerOrg: string;
const outcome = { output: [{ type: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-parameter', code: 'referral-outcome' }] }, valueString: 'Seen; follow-up in a month' }] };

beforeAll(async () => {
  psychologist = await member(suite.server, 'psychologist');
  const otherSite = (await createSite(suite.server.auth, { name: 'Mobile psychiatry clinic', organization: suite.server.organizationId })).id as string;
  psychiatrist = await member(suite.server, 'psychiatrist', { sites: [otherSite] });
  partnerOrg = (await createOrganization(suite.server.auth, { name: 'Partner clinic' })).id as string;
  const partnerSite = (await createSite(suite.server.auth, { name: 'Partner clinic site', organization: partnerOrg })).id as string;
  partner = await member(suite.server, 'psychologist', { organization: partnerOrg, sites: [partnerSite] });
});

interface Referred {
  patientId: string;
  task: Task;
  requestId: string;
  chosen: string;
  other: string;
  servicesConsent: { id: string };
}

/** A patient with consent to services and two scores; the psychologist refers them, choosing one score to send. */
async function referred(to: Member = psychiatrist, extraConsents: Record<string, unknown>[] = []): Promise<Referred> {
  const patientId = await createPatient(fhir, suite.server);
  const services = await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'services' }));
  for (const c of extraConsents) expect((await fhir('POST', 'Consent', c)).status).toBe(201);
  const observation = async (text: string) =>
    (await psychologist.fhir('POST', 'Observation', { resourceType: 'Observation', status: 'final', code: { text }, subject: { reference: `Patient/${patientId}` }, valueInteger: 17 })).body.id as string;
  const chosen = await observation('PHQ-9 total');
  const other = await observation('SRQ-20 total');
  const sr = await psychologist.fhir('POST', 'ServiceRequest', {
    resourceType: 'ServiceRequest', status: 'active', intent: 'order', priority: 'routine',
    subject: { reference: `Patient/${patientId}` },
    requester: { reference: psychologist.reference },
    performer: [{ reference: to.reference }],
    reasonCode: [{ text: 'No improvement after six sessions' }],
    supportingInfo: [{ reference: `Observation/${chosen}` }],
  });
  expect(sr.status, JSON.stringify(sr.body)).toBe(201);
  const task = await psychologist.fhir('POST', 'Task', {
    resourceType: 'Task', status: 'requested', intent: 'order', priority: 'routine',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: `ServiceRequest/${sr.body.id}` },
    for: { reference: `Patient/${patientId}` },
    requester: { reference: psychologist.reference },
    owner: { reference: to.reference },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  return { patientId, task: task.body, requestId: sr.body.id, chosen, other, servicesConsent: services.body };
}

/** What the member reads of a referral's records: the status of each read. */
async function sees(who: Member, r: Referred): Promise<Record<string, number>> {
  const status = async (path: string) => (await who.fhir('GET', path)).status;
  return {
    task: await status(`Task/${r.task.id}`),
    request: await status(`ServiceRequest/${r.requestId}`),
    patient: await status(`Patient/${r.patientId}`),
    chosen: await status(`Observation/${r.chosen}`),
    other: await status(`Observation/${r.other}`),
  };
}

describe('a psychiatrist at another site and the referral made to them', () => {
  it('sees the referral and the patient once requested, the chosen records once accepted, never the rest', async () => {
    const r = await referred();
    expect(await sees(psychiatrist, r)).toEqual({ task: 200, request: 200, patient: 200, chosen: 404, other: 404 });
    const accepted = await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await sees(psychiatrist, r)).toEqual({ task: 200, request: 200, patient: 200, chosen: 200, other: 404 });
    // searches carry the same rule: the patient's observations are exactly the one chosen
    expect((await search(psychiatrist.fhir, 'Observation', `subject=Patient/${r.patientId}`)).map((o) => o.id)).toEqual([r.chosen]);
  });

  it('loses everything but the Task itself when the referral is completed', async () => {
    const r = await referred();
    let task = r.task;
    for (const [status, extra] of [['accepted', {}], ['in-progress', {}], ['completed', outcome]] as const) {
      const res = await setStatus(psychiatrist.fhir, 'PUT', task, { status, ...extra });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      task = res.body;
    }
    expect(await sees(psychiatrist, r)).toEqual({ task: 200, request: 404, patient: 404, chosen: 404, other: 404 });
  });

  it('a rejected or cancelled referral opens nothing more', async () => {
    const rejectedOne = await referred();
    expect((await setStatus(psychiatrist.fhir, 'transaction', rejectedOne.task, { status: 'rejected', statusReason: { text: 'Not a psychiatric emergency' } })).status).toBe(200);
    expect(await sees(psychiatrist, rejectedOne)).toEqual({ task: 200, request: 404, patient: 404, chosen: 404, other: 404 });
    const cancelledOne = await referred();
    expect((await setStatus(psychologist.fhir, 'PATCH', cancelledOne.task, { status: 'cancelled' })).status).toBe(200);
    expect((await sees(psychiatrist, cancelledOne)).patient).toBe(404);
  });

  it('sees nothing of it once the patient withdraws the consent to services, at once, in every query', async () => {
    const r = await referred();
    await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    const consent = (await fhir('GET', `Consent/${r.servicesConsent.id}`)).body;
    expect((await fhir('PUT', `Consent/${consent.id}`, { ...consent, status: 'inactive' })).status).toBe(200);
    expect(await sees(psychiatrist, r)).toEqual({ task: 200, request: 404, patient: 404, chosen: 404, other: 404 });
    expect(await search(psychiatrist.fhir, 'Patient', `_id=${r.patientId}`)).toEqual([]);
    // a new consent opens it again while the referral is open
    expect((await fhir('POST', 'Consent', consentFor({ patientId: r.patientId, purpose: 'services' }))).status).toBe(201);
    expect((await sees(psychiatrist, r)).chosen).toBe(200);
  });

  it('the inbox is a search that works: Task?owner=…&status=requested,accepted,in-progress', async () => {
    const r = await referred();
    const inbox = await search(psychiatrist.fhir, 'Task', `owner=${psychiatrist.reference}&status=requested,accepted,in-progress`);
    expect(inbox.map((t) => t.id)).toContain(r.task.id);
    expect(inbox.every((t) => ['requested', 'accepted', 'in-progress'].includes(t.status))).toBe(true);
  });
});

describe('the psychiatrist at another site records the consultation under the referral', () => {
  const SERVICE_TYPE = 'https://hiwa.health/fhir/CodeSystem/service-type';
  const consultation = (patientId: string) => ({
    resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: `Patient/${patientId}` },
    serviceType: { coding: [{ system: SERVICE_TYPE, code: 'psychiatric-consultation' }] },
    participant: [{ individual: { reference: psychiatrist.reference } }],
    period: { start: '2026-12-06T08:00:00Z', end: '2026-12-06T08:45:00Z' },
  });
  const diagnosis = (patientId: string) => ({
    resourceType: 'Condition', subject: { reference: `Patient/${patientId}` },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'F32.1', display: 'Moderate depressive episode' }] },
    recorder: { reference: psychiatrist.reference },
  });
  /** What the psychiatrist's attempt to record the consultation and the diagnosis answers. */
  async function record(patientId: string): Promise<{ encounter: number; condition: number; refusal?: unknown }> {
    const encounter = await psychiatrist.fhir('POST', 'Encounter', consultation(patientId));
    const condition = await psychiatrist.fhir('POST', 'Condition', diagnosis(patientId));
    return { encounter: encounter.status, condition: condition.status, ...(encounter.status === 201 ? {} : { refusal: encounter.body }) };
  }
  const refused = { encounter: 403, condition: 403, refusal: expect.objectContaining({ resourceType: 'OperationOutcome', issue: [expect.objectContaining({ code: 'forbidden' })] }) };

  it('while the referral is accepted or in progress: the Encounter (PSY-labelled by the server) and the Condition, read back and found by search', async () => {
    const r = await referred();
    const accepted = await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    const encounter = await psychiatrist.fhir('POST', 'Encounter', consultation(r.patientId));
    expect(encounter.status, JSON.stringify(encounter.body)).toBe(201);
    expect(encounter.body.meta.security).toContainEqual(expect.objectContaining({ code: 'PSY' }));
    const started = await setStatus(psychiatrist.fhir, 'PUT', accepted.body, { status: 'in-progress' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const condition = await psychiatrist.fhir('POST', 'Condition', { ...diagnosis(r.patientId), encounter: { reference: `Encounter/${encounter.body.id}` } });
    expect(condition.status, JSON.stringify(condition.body)).toBe(201);
    // what they recorded stays theirs through the Task's moves, and they amend it
    expect((await psychiatrist.fhir('GET', `Encounter/${encounter.body.id}`)).status).toBe(200);
    const amended = await psychiatrist.fhir('PUT', `Encounter/${encounter.body.id}`, { ...encounter.body, period: { start: '2026-12-06T08:00:00Z', end: '2026-12-06T09:00:00Z' } });
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect((await search(psychiatrist.fhir, 'Condition', `subject=Patient/${r.patientId}`)).map((c) => c.id)).toEqual([condition.body.id]);
    // the patient's own team reads the consultation too: it is in the patient's record
    expect((await psychologist.fhir('GET', `Condition/${condition.body.id}`)).status).toBe(200);
  });

  it('in one transaction too: the consultation and the diagnosis that points at it', async () => {
    const r = await referred();
    await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    const encounterUrl = 'urn:uuid:6f1c2a4e-0b7d-4c1e-9a55-3d2b1f0e8c71';
    const res = await psychiatrist.fhir('POST', '', {
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { fullUrl: encounterUrl, resource: consultation(r.patientId), request: { method: 'POST', url: 'Encounter' } },
        { resource: { ...diagnosis(r.patientId), encounter: { reference: encounterUrl } }, request: { method: 'POST', url: 'Condition' } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual(['201 Created', '201 Created']);
    expect(await search(psychiatrist.fhir, 'Encounter', `subject=Patient/${r.patientId}`)).toHaveLength(1);
  });

  it('as the consultation screen sends it: saving starts the accepted referral; the next completes it, or, refused, leaves nothing', async () => {
    const r = await referred();
    const accepted = (await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' })).body as Task;
    const draft: ConsultationDraft = {
      patientId: r.patientId,
      clinician: { practitionerId: psychiatrist.account.practitionerId, name: 'Karwan Aziz', role: 'psychiatrist' },
      date: '2026-12-06', modality: 'community-centre', note: 'Assessed; low mood for months, no plan of self-harm.',
      diagnoses: [{ code: 'F32.1', display: 'Moderate depressive episode', onset: '2026-09-01' }], diagnosisSearch: '', complete: false, outcome: '',
    };
    const first = await psychiatrist.fhir('POST', '', consultationTransaction(draft, accepted));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const started = (await psychiatrist.fhir('GET', `Task/${r.task.id}`)).body as Task;
    expect(started.status).toBe('in-progress');
    // a completion the referral machine refuses (no outcome) takes the consultation and its diagnosis with it
    const refused = await psychiatrist.fhir('POST', '', consultationTransaction({ ...draft, complete: true, outcome: ' ' }, started));
    expect(refused.status).toBe(422);
    expect(refused.body.issue[0].expression).toEqual(['Bundle.entry[2].resource.output']);
    expect(await search(psychiatrist.fhir, 'Condition', `subject=Patient/${r.patientId}`)).toHaveLength(1);
    const done = await psychiatrist.fhir('POST', '', consultationTransaction({ ...draft, complete: true, outcome: 'Seen; review in four weeks' }, started));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await psychiatrist.fhir('GET', `Task/${r.task.id}`)).body.status).toBe('completed');
    // the patient's team reads both consultations and diagnoses, PSY-labelled
    const conditions = await search(psychologist.fhir, 'Condition', `subject=Patient/${r.patientId}`);
    expect(conditions).toHaveLength(2);
    expect(conditions.every((c) => (c as Condition).meta?.security?.some((l) => l.code === 'PSY'))).toBe(true);
    expect(await search(psychologist.fhir, 'Encounter', `subject=Patient/${r.patientId}`)).toHaveLength(2);
  });

  it('nothing beyond the consultation and the diagnosis: another record of the patient is refused', async () => {
    const r = await referred();
    await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    const observation = await psychiatrist.fhir('POST', 'Observation', { resourceType: 'Observation', status: 'final', code: { text: 'PHQ-9 total' }, subject: { reference: `Patient/${r.patientId}` }, valueInteger: 12 });
    expect(observation.status).toBe(403);
    expect(observation.body.resourceType).toBe('OperationOutcome');
    // nor do the referrer's other records open up because of it
    expect((await sees(psychiatrist, r)).other).toBe(404);
  });

  it('before the referral is accepted: refused with a 403 OperationOutcome', async () => {
    const r = await referred();
    expect(await record(r.patientId)).toEqual(refused);
  });

  it('for another patient, not referred to them: refused', async () => {
    const r = await referred();
    await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    const otherPatient = await createPatient(fhir, suite.server);
    expect((await fhir('POST', 'Consent', consentFor({ patientId: otherPatient, purpose: 'services' }))).status).toBe(201);
    expect(await record(otherPatient)).toEqual(refused);
  });

  it('after the referral is completed: no more, and what they recorded is no longer theirs to read', async () => {
    const r = await referred();
    let task = r.task;
    for (const status of ['accepted', 'in-progress'] as const) task = (await setStatus(psychiatrist.fhir, 'PUT', task, { status })).body;
    const encounter = await psychiatrist.fhir('POST', 'Encounter', consultation(r.patientId));
    expect(encounter.status).toBe(201);
    expect((await setStatus(psychiatrist.fhir, 'PUT', task, { status: 'completed', ...outcome })).status).toBe(200);
    expect(await record(r.patientId)).toEqual(refused);
    expect((await psychiatrist.fhir('GET', `Encounter/${encounter.body.id}`)).status).toBe(404);
    expect((await psychologist.fhir('GET', `Encounter/${encounter.body.id}`)).status).toBe(200);
  });

  it('after the consent to services is withdrawn: no more; a new consent opens it again while the referral is open', async () => {
    const r = await referred();
    await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    const encounter = await psychiatrist.fhir('POST', 'Encounter', consultation(r.patientId));
    expect(encounter.status).toBe(201);
    const consent = (await fhir('GET', `Consent/${r.servicesConsent.id}`)).body;
    expect((await fhir('PUT', `Consent/${consent.id}`, { ...consent, status: 'inactive' })).status).toBe(200);
    expect(await record(r.patientId)).toEqual(refused);
    expect((await psychiatrist.fhir('GET', `Encounter/${encounter.body.id}`)).status).toBe(404);
    expect((await fhir('POST', 'Consent', consentFor({ patientId: r.patientId, purpose: 'services' }))).status).toBe(201);
    expect((await psychiatrist.fhir('GET', `Encounter/${encounter.body.id}`)).status).toBe(200);
    expect((await record(r.patientId)).encounter).toBe(201);
  });

  it('the referrer, or anyone else who is not its recipient, gains nothing from the referral', async () => {
    const r = await referred();
    await setStatus(psychiatrist.fhir, 'PATCH', r.task, { status: 'accepted' });
    const otherPsychiatrist = await member(suite.server, 'psychiatrist', { sites: [(await createSite(suite.server.auth, { name: 'Another clinic', organization: suite.server.organizationId })).id as string] });
    const res = await otherPsychiatrist.fhir('POST', 'Encounter', consultation(r.patientId));
    expect(res.status).toBe(403);
  });
});

describe('a referral to another organisation', () => {
  it('rests on the consent to share with it: withdrawing that consent ends the access', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const sharing = await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'sharing', actorOrganizationId: partnerOrg, until: '2099-01-01' }));
    expect(sharing.status).toBe(201);
    expect((await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'services' }))).status).toBe(201);
    const sr = await psychologist.fhir('POST', 'ServiceRequest', {
      resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: `Patient/${patientId}` }, performer: [{ reference: partner.reference }],
    });
    expect(sr.status, JSON.stringify(sr.body)).toBe(201);
    const task = await psychologist.fhir('POST', 'Task', {
      resourceType: 'Task', status: 'requested', intent: 'order',
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'referral' }] },
      focus: { reference: `ServiceRequest/${sr.body.id}` }, for: { reference: `Patient/${patientId}` },
      requester: { reference: psychologist.reference }, owner: { reference: partner.reference },
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect((await partner.fhir('GET', `Patient/${patientId}`)).status).toBe(200);
    expect((await fhir('PUT', `Consent/${sharing.body.id}`, { ...sharing.body, status: 'inactive' })).status).toBe(200);
    expect((await partner.fhir('GET', `Patient/${patientId}`)).status).toBe(404);
    expect((await partner.fhir('GET', `ServiceRequest/${sr.body.id}`)).status).toBe(404);
  });
});

describe('a withdrawal', () => {
  it('ends the grants resting on the consent and shows on the case as a consent-withdrawn Task', async () => {
    const patientId = await createPatient(fhir, suite.server);
    expect((await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'services' }))).status).toBe(201);
    const episode = await fhir('POST', 'EpisodeOfCare', { resourceType: 'EpisodeOfCare', status: 'active', patient: { reference: `Patient/${patientId}` }, careManager: { reference: psychologist.reference } });
    expect(episode.status).toBe(201);
    const sharing = await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'sharing', actorOrganizationId: partnerOrg, until: '2099-01-01' }));
    const grant = await psychologist.fhir('POST', `Patient/${patientId}/$grant-access`, {
      resourceType: 'Parameters',
      parameter: [
        { name: 'organization', valueReference: { reference: `Organization/${partnerOrg}` } },
        { name: 'purpose', valueCode: 'sharing' },
        { name: 'expires', valueDateTime: new Date(Date.now() + 30 * 86_400_000).toISOString() },
        { name: 'consent', valueReference: { reference: `Consent/${sharing.body.id}` } },
      ],
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(200);
    expect((await partner.fhir('GET', `Patient/${patientId}`)).status).toBe(200);
    expect((await fhir('PUT', `Consent/${sharing.body.id}`, { ...sharing.body, status: 'inactive' })).status).toBe(200);
    expect((await partner.fhir('GET', `Patient/${patientId}`)).status).toBe(404);
    const ended = await suite.server.store.pool.query(`SELECT revoked_at FROM access_grant WHERE consent_id = $1`, [sharing.body.id]);
    expect(ended.rows[0].revoked_at).not.toBeNull();
    const [notice] = await search(fhir, 'Task', `focus=EpisodeOfCare/${episode.body.id}&code=https://hiwa.health/fhir/CodeSystem/task-type|consent-withdrawn`);
    expect(notice.owner.reference).toBe(psychologist.reference);
    expect(notice.input[0].valueReference.reference).toBe(`Consent/${sharing.body.id}`);
    expect(notice.code.coding[0].display).toBe('Consent withdrawn');
    expect(notice.description).toContain('Sharing');
  });
});
