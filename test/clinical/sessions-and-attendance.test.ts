import type { Encounter } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { countServices } from '../../server/clinical/service-counts.js';
import { PM_PLUS_SESSION_URL, SERVICE_TYPE_SYSTEM } from '../../server/clinical/service-encounter.js';
import { consentFor } from '../access/consents.js';
import { fhirClient, type TestAccount } from '../support/server.js';
import { useTestServer } from '../support/suite.js';

/**
 * Sessions and group activities through the API: the session rule on every Encounter that records a Hiwa
 * service (422 naming the element, PSY label set by the server whoever writes), and
 * `Group/{id}/$record-attendance` with its refusals, its one transaction and its audit trail.
 */
const suite = useTestServer();
let caseworker: ReturnType<typeof fhirClient>;
let caseworkerAccount: TestAccount;
let psychologist: ReturnType<typeof fhirClient>;

const where = (name: string) => `Parameters.parameter.where(name='${name}')`;
const service = (code: string) => ({ coding: [{ system: SERVICE_TYPE_SYSTEM, code }] });

async function clientFor(role: 'caseworker' | 'psychologist'): Promise<[ReturnType<typeof fhirClient>, TestAccount]> {
  const account = await suite.server.createAccount({ role });
  const { access_token } = await suite.server.login(account.username, account.password);
  return [fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${access_token}` }), account];
}

async function patient(family: string): Promise<string> {
  const res = await suite.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family, given: ['Test'] }], gender: 'female' });
  if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const encounter = (patientId: string, code: string, more: Record<string, unknown> = {}) => ({
  resourceType: 'Encounter',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  serviceType: service(code),
  subject: { reference: `Patient/${patientId}` },
  period: { start: '2026-11-02T09:00:00Z', end: '2026-11-02T09:50:00Z' },
  length: { value: 50, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
  location: [{ location: { reference: `Location/${suite.server.siteId}` } }],
  ...more,
});

beforeAll(async () => {
  [caseworker, caseworkerAccount] = await clientFor('caseworker');
  [psychologist] = await clientFor('psychologist');
});

describe('an Encounter recording a service', () => {
  it('is refused (422 naming Encounter.serviceType) with a code Hiwa does not know, and nothing is stored', async () => {
    const p = await patient('Unknownservice');
    const res = await suite.fhir('POST', 'Encounter', encounter(p, 'coffee-morning'));
    expect(res.status).toBe(422);
    expect(res.body.issue[0]).toMatchObject({ code: 'code-invalid', expression: ['Encounter.serviceType'] });
    expect((await suite.fhir('GET', `Encounter?subject=Patient/${p}`)).body.entry ?? []).toEqual([]);
  });

  it('of PM+ needs its session number 1–5, through create and transaction alike', async () => {
    const p = await patient('Pmplus');
    const missing = await suite.fhir('POST', 'Encounter', encounter(p, 'pm-plus'));
    expect(missing.status).toBe(422);
    expect(missing.body.issue[0].expression).toEqual([`Encounter.extension('${PM_PLUS_SESSION_URL}')`]);
    const sixth = await suite.fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ request: { method: 'POST', url: 'Encounter' }, resource: encounter(p, 'pm-plus', { extension: [{ url: PM_PLUS_SESSION_URL, valueInteger: 6 }] }) }],
    });
    expect(sixth.status).toBe(422);
    const third = await caseworker('POST', 'Encounter', encounter(p, 'pm-plus', { extension: [{ url: PM_PLUS_SESSION_URL, valueInteger: 3 }] }));
    expect(third.status, JSON.stringify(third.body)).toBe(201);
    expect(third.body.meta.security).toBeUndefined();
    expect((await caseworker('GET', `Encounter/${third.body.id}`)).status).toBe(200);
  });

  it('of counselling is labelled PSY by the server for a psychologist who did not label it; a caseworker no longer reads it', async () => {
    const p = await patient('Counselled');
    const res = await psychologist('POST', 'Encounter', encounter(p, 'individual-counselling', { serviceProvider: { reference: `Organization/${suite.server.organizationId}` } }));
    expect(res.status).toBe(201);
    expect(res.body.meta.security).toEqual([expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' })]);
    expect((await psychologist('GET', `Encounter/${res.body.id}`)).status).toBe(200);
    expect((await caseworker('GET', `Encounter/${res.body.id}`)).status).toBe(404);
    // the patient's plain sessions stay in the caseworker's view
    expect((await caseworker('GET', `Patient/${p}`)).status).toBe(200);
  });

  it('becomes PSY when an update makes it counselling (PUT runs the same rule)', async () => {
    const p = await patient('Reclassified');
    const first = await psychologist('POST', 'Encounter', encounter(p, 'emotional-support'));
    expect(first.body.meta.security).toBeUndefined();
    const { meta: _meta, ...body } = first.body;
    const res = await psychologist('PUT', `Encounter/${first.body.id}`, { ...body, serviceType: service('individual-counselling') });
    expect(res.status).toBe(200);
    expect(res.body.meta.security.map((c: { code: string }) => c.code)).toEqual(['PSY']);
    expect((await caseworker('GET', `Encounter/${first.body.id}`)).status).toBe(404);
  });

  it('of counselling recorded by a caseworker is refused (403): they could not read back what the server labels PSY', async () => {
    const p = await patient('Notforcaseworkers');
    const res = await caseworker('POST', 'Encounter', encounter(p, 'group-counselling'));
    expect(res.status).toBe(403);
    expect((await suite.fhir('GET', `Encounter?subject=Patient/${p}`)).body.entry ?? []).toEqual([]);
  });

  it('that claims no Hiwa service is stored as plain FHIR, and is no service in the counts', async () => {
    const p = await patient('Plain');
    const { serviceType: _s, ...plain } = encounter(p, 'pfa');
    const res = await suite.fhir('POST', 'Encounter', plain);
    expect(res.status).toBe(201);
    expect(countServices([res.body as Encounter])).toEqual({ services: 0, activities: 0, beneficiaries: 0 });
  });
});

describe('Group/{id}/$record-attendance', () => {
  let groupId: string;
  let attendees: string[];
  const attendance = (people: string[], more: Array<Record<string, unknown>> = []) => ({
    resourceType: 'Parameters',
    parameter: [
      { name: 'period', valuePeriod: { start: '2026-11-03T10:00:00Z', end: '2026-11-03T11:30:00Z' } },
      { name: 'serviceType', valueCoding: { system: SERVICE_TYPE_SYSTEM, code: 'guided-group-discussion' } },
      { name: 'modality', valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/modality', code: 'community-centre' } },
      { name: 'location', valueReference: { reference: `Location/${suite.server.siteId}` } },
      ...people.map((id) => ({ name: 'attendee', valueReference: { reference: `Patient/${id}` } })),
      ...more,
    ],
  });
  const record = (body: unknown, client = caseworker, group = groupId) => client('POST', `Group/${group}/$record-attendance`, body);

  beforeAll(async () => {
    attendees = [];
    for (let i = 0; i < 12; i++) attendees.push(await patient(`Attendee${String.fromCharCode(65 + i)}`));
    const group = await caseworker('POST', 'Group', {
      resourceType: 'Group',
      type: 'person',
      actual: true,
      name: 'Women’s stress-management group, Qadia camp',
      member: [{ entity: { reference: `Patient/${attendees[0]}` } }],
    });
    if (group.status !== 201) throw new Error(`setup: ${JSON.stringify(group.body)}`);
    groupId = group.body.id as string;
  });

  it('writes 13 Encounters in one call — the meeting and 12 attendances part of it — counted as 12 services and one activity', async () => {
    const res = await record(attendance(attendees, [{ name: 'topic', valueString: 'Anger and stress management' }]));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const written = res.body.entry.map((e: { resource: { resourceType: string } }) => e.resource);
    const encounters = written.filter((r: { resourceType: string }) => r.resourceType === 'Encounter') as Encounter[];
    expect(encounters).toHaveLength(13);
    const [meeting, ...each] = encounters;
    expect(meeting).toMatchObject({
      subject: { reference: `Group/${groupId}` },
      participant: [{ individual: { reference: `Practitioner/${caseworkerAccount.practitionerId}` } }],
      length: { value: 90, code: 'min' },
      reasonCode: [{ text: 'Anger and stress management' }],
    });
    expect(each.filter((e) => e.partOf?.reference === `Encounter/${meeting.id}`)).toHaveLength(12);

    const stored = await caseworker('GET', `Encounter?service-type=${SERVICE_TYPE_SYSTEM}|guided-group-discussion&_count=100`);
    expect(countServices(stored.body.entry.map((e: { resource: Encounter }) => e.resource))).toEqual({ services: 12, activities: 1, beneficiaries: 12 });
    const parts = await caseworker('GET', `Encounter?part-of=Encounter/${meeting.id}&_summary=count`);
    expect(parts.body.total).toBe(12);
    const meetings = await caseworker('GET', `Encounter?subject=Group/${groupId}`);
    expect(meetings.body.entry.map((e: { resource: Encounter }) => e.resource.id)).toEqual([meeting.id]);
  });

  it('adds the attendees who were not yet members to the Group, once', async () => {
    const group = (await caseworker('GET', `Group/${groupId}`)).body;
    expect(group.member.map((m: { entity: { reference: string } }) => m.entity.reference).sort()).toEqual(attendees.map((id) => `Patient/${id}`).sort());
    const again = await record(attendance(attendees.slice(0, 3)));
    expect(again.status).toBe(200);
    expect(again.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(['Encounter', 'Encounter', 'Encounter', 'Encounter']);
    expect((await caseworker('GET', `Group/${groupId}`)).body.member).toHaveLength(12);
  });

  it('is audited: the Encounters it wrote are in the trail as a create', async () => {
    const res = await record(attendance(attendees.slice(0, 2)));
    const ids = res.body.entry.map((e: { resource: { id: string } }) => `Encounter/${e.resource.id}`);
    const trail = await suite.fhir('GET', `AuditEvent?entity=${ids[0]}`);
    expect(trail.status).toBe(200);
    expect(trail.body.entry?.length ?? 0).toBeGreaterThan(0);
    const event = trail.body.entry[0].resource;
    expect(event.subtype?.some((c: { code: string }) => c.code === 'create')).toBe(true);
    expect(event.entity.map((e: { what?: { reference?: string } }) => e.what?.reference)).toEqual(expect.arrayContaining(ids));
  });

  it('refuses an empty attendance list and a duplicate attendee (400 naming attendee), writing nothing', async () => {
    const before = (await caseworker('GET', 'Encounter?_summary=count')).body.total;
    const empty = await record(attendance([]));
    expect(empty.status).toBe(400);
    expect(empty.body.issue[0].expression).toEqual([where('attendee')]);
    const twice = await record(attendance([attendees[1], attendees[2], attendees[1]]));
    expect(twice.status).toBe(400);
    expect(twice.body.issue[0].expression).toEqual([where('attendee')]);
    expect((await caseworker('GET', 'Encounter?_summary=count')).body.total).toBe(before);
  });

  it('refuses missing or malformed parameters naming each', async () => {
    const noService = attendance(attendees.slice(0, 1));
    noService.parameter = noService.parameter.filter((p) => p.name !== 'serviceType');
    expect((await record(noService)).body.issue[0].expression).toEqual([where('serviceType')]);
    const badPmPlus = attendance(attendees.slice(0, 1), [{ name: 'pmPlusSession', valueString: 'two' }]);
    expect((await record(badPmPlus)).body.issue[0].expression).toEqual([where('pmPlusSession')]);
    const nowhere = attendance(attendees.slice(0, 1), []);
    nowhere.parameter = nowhere.parameter.map((p) => (p.name === 'location' ? { name: 'location', valueReference: { reference: 'Location/nowhere' } } : p));
    const res = await record(nowhere);
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual([where('location')]);
  });

  it('refuses an attendee the caller cannot read exactly like one who does not exist (404), writing nothing', async () => {
    const hidden = await patient('Managedelsewhere');
    const manager = await suite.server.createAccount({ role: 'caseworker' });
    expect((await suite.fhir('POST', 'Consent', consentFor({ patientId: hidden, purpose: 'services' }))).status).toBe(201);
    const episode = await suite.fhir('POST', 'EpisodeOfCare', {
      resourceType: 'EpisodeOfCare',
      status: 'active',
      patient: { reference: `Patient/${hidden}` },
      careManager: { reference: `Practitioner/${manager.practitionerId}` },
    });
    expect(episode.status).toBe(201);
    const before = (await suite.fhir('GET', 'Encounter?_summary=count')).body.total;
    const refusedHidden = await record(attendance([attendees[0], hidden]));
    const refusedMissing = await record(attendance([attendees[0], 'no-such-patient']));
    expect(refusedHidden.status).toBe(404);
    expect(refusedMissing.status).toBe(404);
    expect(refusedHidden.body.issue[0].expression).toEqual([where('attendee')]);
    expect(refusedHidden.body.issue[0].diagnostics.replace(hidden, 'X')).toBe(refusedMissing.body.issue[0].diagnostics.replace('no-such-patient', 'X'));
    expect((await suite.fhir('GET', 'Encounter?_summary=count')).body.total).toBe(before);
    // the supervisor reaches that patient, and records the attendance
    expect((await record(attendance([hidden]), suite.fhir)).status).toBe(200);
  });

  it('answers 404 for an unknown Group', async () => {
    expect((await record(attendance(attendees.slice(0, 1)), caseworker, 'no-such-group')).status).toBe(404);
  });

  it('of group counselling labels every Encounter PSY: a psychologist records it, a caseworker is refused (403) and writes nothing', async () => {
    const counselling = (people: string[]) => {
      const body = attendance(people);
      body.parameter = body.parameter.map((p) => (p.name === 'serviceType' ? { name: 'serviceType', valueCoding: { system: SERVICE_TYPE_SYSTEM, code: 'group-counselling' } } : p));
      return body;
    };
    const before = (await suite.fhir('GET', 'Encounter?_summary=count')).body.total;
    expect((await record(counselling(attendees.slice(0, 4)))).status).toBe(403);
    expect((await suite.fhir('GET', 'Encounter?_summary=count')).body.total).toBe(before);
    const res = await record(counselling(attendees.slice(0, 4)), psychologist);
    expect(res.status).toBe(200);
    const labels = res.body.entry.map((e: { resource: { meta: { security?: Array<{ code: string }> } } }) => e.resource.meta.security?.map((c) => c.code));
    expect(labels).toEqual(Array(5).fill(['PSY']));
  });

  it('of PM+ needs the session number, checked by the same rule as any Encounter (422)', async () => {
    const body = attendance(attendees.slice(0, 2));
    body.parameter = body.parameter.map((p) => (p.name === 'serviceType' ? { name: 'serviceType', valueCoding: { system: SERVICE_TYPE_SYSTEM, code: 'pm-plus' } } : p));
    const missing = await record(body);
    expect(missing.status).toBe(422);
    expect(missing.body.issue[0].expression).toEqual([`Encounter.extension('${PM_PLUS_SESSION_URL}')`]);
    body.parameter.push({ name: 'pmPlusSession', valueInteger: 2 } as never);
    const second = await record(body);
    expect(second.status).toBe(200);
    expect(second.body.entry[1].resource.extension).toEqual([{ url: PM_PLUS_SESSION_URL, valueInteger: 2 }]);
  });
});
