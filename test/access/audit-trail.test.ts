import { beforeAll, describe, expect, it } from 'vitest';
import { fhirClient } from '../support/server.js';
import { useTestServer } from '../support/suite.js';
import { buildWorld, type Staff, type World } from './world.js';

/**
 * Every access leaves an AuditEvent shaped after IHE BALP: who (role, organisation), what (patient,
 * resource, query), when, from where, outcome. These tests count them: a sequence of calls by one person
 * must leave exactly the events it should, in order, and nothing can change the trail through the API.
 */

const suite = useTestServer();
let world: World;
let admin: Staff;
beforeAll(async () => {
  world = await buildWorld(suite.server);
  admin = world.staff.find((s) => s.role === 'admin') as Staff;
}, 120_000);

interface Event {
  id: string;
  subtype: { code: string }[];
  action: string;
  outcome: string;
  agent: { who: { reference?: string; display?: string }; extension?: { valueReference: { reference: string } }[]; network?: { address: string } }[];
  entity?: { what?: { reference: string }; query?: string; role?: { code: string } }[];
  purposeOfEvent?: { text: string }[];
}

/** The trail of one practitioner, oldest first, as the admin reads it. */
async function trailOf(practitionerId: string): Promise<Event[]> {
  const res = await admin.fhir('GET', `AuditEvent?agent=Practitioner/${practitionerId}&_count=1000&_sort=date`);
  expect(res.status).toBe(200);
  return (res.body.entry ?? []).map((e: { resource: Event }) => e.resource);
}

const code = (e: Event) => `${e.subtype[0].code}/${e.action}/${e.outcome}`;

describe('the trail of one caseworker session', () => {
  it('has one event per call, in order, with outcome, patient and query', async () => {
    const cw = world.staff.find((s) => s.key === 'a.caseworker') as Staff;
    const before = (await trailOf(cw.practitionerId)).length;

    const created = await cw.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Trail' }] });
    const id = created.body.id as string;
    await cw.fhir('GET', `Patient/${id}`);
    await cw.fhir('GET', `Patient?family=Trail`);
    await cw.fhir('PUT', `Patient/${id}`, { ...created.body, gender: 'female' });
    await cw.fhir('GET', `Patient/${id}/_history/1`);
    await cw.fhir('GET', `Patient/${id}/_history`);
    await cw.fhir('GET', `Patient/${world.patients.atPartner.id}`); // hidden: a failed read
    await cw.fhir('POST', 'Organization', { resourceType: 'Organization', name: 'x' }); // not theirs to do
    await cw.fhir('POST', 'Patient', { resourceType: 'Patient', gender: 'robot' }); // invalid
    await cw.fhir('DELETE', `Patient/${id}`);

    const trail = (await trailOf(cw.practitionerId)).slice(before);
    expect(trail.map(code)).toEqual([
      'create/C/0',
      'read/R/0',
      'search-type/E/0',
      'update/U/0',
      'vread/R/0',
      'history-instance/R/0',
      'read/R/4',
      'create/C/4',
      'create/C/4',
      'delete/D/0',
    ]);
    const [create, read, search] = trail;
    expect(read.entity?.map((e) => e.what?.reference)).toContain(`Patient/${id}`);
    expect(create.agent[0].extension?.[0].valueReference.reference).toBe(`Organization/${world.orgA}`);
    expect(create.agent[0].network?.address).toBeTruthy();
    const query = search.entity?.find((e) => e.role?.code === '24')?.query as string;
    expect(Buffer.from(query, 'base64').toString('utf8')).toBe('family=Trail');
    expect(search.entity?.map((e) => e.what?.reference)).toContain(`Patient/${id}`);
  });

  it('a transaction that fails leaves no record of writes that never happened', async () => {
    const cw = world.staff.find((s) => s.key === 'a.caseworker') as Staff;
    const before = (await trailOf(cw.practitionerId)).length;
    const res = await cw.fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', name: [{ family: 'Rolled back' }] }, request: { method: 'POST', url: 'Patient' } },
        { resource: { resourceType: 'Patient', gender: 'robot' }, request: { method: 'POST', url: 'Patient' } },
      ],
    });
    expect(res.status).toBe(422);
    const trail = (await trailOf(cw.practitionerId)).slice(before);
    expect(trail.map(code)).toEqual(['create/C/4']);
  });
});

describe('who reads the trail', () => {
  it('a supervisor sees their own organisation\'s events only; an admin sees all', async () => {
    const partner = world.staff.find((s) => s.key === 'b.caseworker') as Staff;
    await partner.fhir('GET', `Patient/${world.patients.atPartner.id}`);
    const supervisor = world.staff.find((s) => s.key === 'a.supervisor') as Staff;
    const own = await supervisor.fhir('GET', `AuditEvent?agent=Practitioner/${partner.practitionerId}&_summary=count`);
    expect(own.body.total).toBe(0);
    const all = await admin.fhir('GET', `AuditEvent?agent=Practitioner/${partner.practitionerId}&_summary=count`);
    expect(all.body.total).toBeGreaterThan(0);
  });

  it('nobody changes or deletes an event through the API', async () => {
    const [event] = await trailOf(admin.practitionerId);
    expect((await admin.fhir('PUT', `AuditEvent/${event.id}`, { ...event, outcome: '0' })).status).toBe(403);
    expect((await admin.fhir('DELETE', `AuditEvent/${event.id}`)).status).toBe(403);
    const migration = fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${await suite.server.dataMigrationToken()}` });
    expect((await migration('DELETE', `AuditEvent/${event.id}`)).status).toBe(403);
  });
});

describe('authentication events', () => {
  it('a failed login is recorded with the name that was tried; a good one with the account', async () => {
    const bad = await fetch(`${suite.server.origin}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'a.caseworker', password: 'not the password' }),
    });
    expect(bad.status).toBe(401);
    const failed = await admin.fhir('GET', 'AuditEvent?subtype=https://hiwa.health/fhir/CodeSystem/audit-event-subtype|login-failed&_count=100');
    const names = failed.body.entry.map((e: { resource: Event }) => e.resource.agent[0].who.display);
    expect(names).toContain('a.caseworker');
    const ok = await admin.fhir('GET', 'AuditEvent?subtype=https://hiwa.health/fhir/CodeSystem/audit-event-subtype|login&_count=100');
    const who = ok.body.entry.map((e: { resource: Event }) => e.resource.agent[0].who.reference);
    const cw = world.staff.find((s) => s.key === 'a.caseworker') as Staff;
    expect(who).toContain(`Practitioner/${cw.practitionerId}`);
  });

  it('a request without a valid token is recorded as an access denial', async () => {
    const res = await fetch(`${suite.server.fhirBase}/Patient`, { headers: { Authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    const denied = await admin.fhir('GET', 'AuditEvent?subtype=https://hiwa.health/fhir/CodeSystem/audit-event-subtype|access-denied&_summary=count');
    expect(denied.body.total).toBeGreaterThan(0);
  });

  it('a system token issued is recorded with the client', async () => {
    await suite.server.dataMigrationToken();
    const issued = await admin.fhir('GET', 'AuditEvent?subtype=https://hiwa.health/fhir/CodeSystem/audit-event-subtype|token-issued&_count=100');
    expect(issued.body.entry.length).toBeGreaterThan(0);
  });
});
