import { beforeAll, describe, expect, it } from 'vitest';
import { mayDo, rolePolicies } from '../../server/auth/policy.js';
import { staffRoles } from '../../server/auth/principal.js';
import { useTestServer } from '../support/suite.js';
import { buildWorld, expectedAccess, patientKeys, type PatientKey, type Staff, type World } from './world.js';

/**
 * The authorisation matrix, generated from the policy table (server/auth/policy.ts): every member of staff ×
 * every patient placement × ordinary / PSY content × read, vread, search, _total, _include, _revinclude,
 * chained search, history, batch, create and transaction. The expected answer comes from the table through
 * `expectedAccess`; the server must agree by its SQL alone. Hidden reads answer 404, never 403, so that
 * existence does not leak; a role that may not touch clinical records at all gets 403.
 */

const suite = useTestServer();
let world: World;
beforeAll(async () => {
  world = await buildWorld(suite.server);
}, 120_000);

const staffKeys = [...staffRoles.map((r) => `a.${r}`), 'b.caseworker'];
const member = (key: string): Staff => world.staff.find((s) => s.key === key) as Staff;
const cases = staffKeys.flatMap((s) => patientKeys.map((p) => [s, p] as [string, PatientKey]));
const statusFor = (access: 'visible' | 'hidden' | 'denied', visible = 200) =>
  access === 'visible' ? visible : access === 'hidden' ? 404 : 403;

describe.each(cases)('%s and the patient %s', (staffKey, patientKey) => {
  it('read and vread of the Patient, an Observation and a PSY Condition', async () => {
    const m = member(staffKey);
    const p = world.patients[patientKey];
    for (const [ref, psy] of [
      [`Patient/${p.id}`, false],
      [`Observation/${p.observationId}`, false],
      [`Condition/${p.psyConditionId}`, true],
    ] as const) {
      const expected = statusFor(expectedAccess(m, p, psy));
      expect((await m.fhir('GET', ref)).status, `GET ${ref}`).toBe(expected);
      expect((await m.fhir('GET', `${ref}/_history/1`)).status, `vread ${ref}`).toBe(expected);
      expect((await m.fhir('GET', `${ref}/_history`)).status, `history ${ref}`).toBe(expected);
    }
  });

  it('search by _id finds the record only when it is visible', async () => {
    const m = member(staffKey);
    const p = world.patients[patientKey];
    for (const [type, id, psy] of [
      ['Observation', p.observationId, false],
      ['Condition', p.psyConditionId, true],
    ] as const) {
      const access = expectedAccess(m, p, psy);
      const res = await m.fhir('GET', `${type}?_id=${id}&_total=accurate`);
      expect(res.status).toBe(access === 'denied' ? 403 : 200);
      if (access !== 'denied') {
        expect(res.body.total).toBe(access === 'visible' ? 1 : 0);
        expect((res.body.entry ?? []).length).toBe(access === 'visible' ? 1 : 0);
      }
    }
  });

  it('create an Observation for the patient: allowed exactly when the patient is visible and the role writes', async () => {
    const m = member(staffKey);
    const p = world.patients[patientKey];
    const access = expectedAccess(m, p, false);
    const res = await m.fhir('POST', 'Observation', {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'matrix write' },
      subject: { reference: `Patient/${p.id}` },
    });
    const writes = mayDo({ kind: 'staff', role: m.role } as never, 'Observation', 'create');
    expect(res.status).toBe(access === 'visible' && writes ? 201 : 403);
  });

  it('a transaction that writes for the patient and reads them back: all of it when allowed, none of it otherwise', async () => {
    const m = member(staffKey);
    const p = world.patients[patientKey];
    const allowed = expectedAccess(m, p, false) === 'visible' && mayDo({ kind: 'staff', role: m.role } as never, 'Observation', 'create');
    const marker = `matrix transaction ${staffKey} ${patientKey}`;
    const res = await m.fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: { resourceType: 'Observation', status: 'final', code: { text: marker }, subject: { reference: `Patient/${p.id}` } },
          request: { method: 'POST', url: 'Observation' },
        },
        { request: { method: 'GET', url: `Patient/${p.id}` } },
      ],
    });
    expect(res.status).toBe(allowed ? 200 : 403);
    if (allowed) expect(res.body.entry.map((e: { response: { status: string } }) => e.response.status.slice(0, 3))).toEqual(['201', '200']);
    const left = await world.migration('GET', `Observation?code:text=${encodeURIComponent(marker)}&_summary=count`);
    expect(left.body.total).toBe(allowed ? 1 : 0);
  });
});

describe.each(staffKeys)('%s: whole-result checks', (staffKey) => {
  const visibleKeys = (psy: boolean) =>
    patientKeys.filter((k) => expectedAccess(member(staffKey), world.patients[k], psy) === 'visible');
  const deniedClinical = () => rolePolicies[member(staffKey).role].patients === 'none';

  it('_total counts only what is visible', async () => {
    const m = member(staffKey);
    const ids = patientKeys.map((k) => world.patients[k].psyConditionId).join(',');
    const res = await m.fhir('GET', `Condition?_id=${ids}&_total=accurate&_count=1`);
    if (deniedClinical()) return expect(res.status).toBe(403);
    expect(res.body.total).toBe(visibleKeys(true).length);
    const count = await m.fhir('GET', `Observation?subject:Patient.family=Matrix&code:text=wellbeing&_summary=count`);
    expect(count.body.total).toBe(visibleKeys(false).length);
  });

  it('_include brings in only visible patients; _revinclude only visible PSY content', async () => {
    const m = member(staffKey);
    if (deniedClinical()) return expect((await m.fhir('GET', 'Patient')).status).toBe(403);
    const obsIds = patientKeys.map((k) => world.patients[k].observationId).join(',');
    const inc = await m.fhir('GET', `Observation?_id=${obsIds}&_include=Observation:subject`);
    const included = (inc.body.entry ?? []).filter((e: { search: { mode: string } }) => e.search.mode === 'include');
    expect(included.map((e: { resource: { id: string } }) => e.resource.id).sort()).toEqual(
      visibleKeys(false).map((k) => world.patients[k].id).sort(),
    );
    const patientIds = patientKeys.map((k) => world.patients[k].id).join(',');
    const rev = await m.fhir('GET', `Patient?_id=${patientIds}&_revinclude=Condition:subject`);
    const conditions = (rev.body.entry ?? []).filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Condition');
    expect(conditions.map((e: { resource: { id: string } }) => e.resource.id).sort()).toEqual(
      visibleKeys(true).map((k) => world.patients[k].psyConditionId).sort(),
    );
  });

  it('a batch of reads answers each entry as a single read would', async () => {
    const m = member(staffKey);
    const res = await m.fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: patientKeys.map((k) => ({ request: { method: 'GET', url: `Condition/${world.patients[k].psyConditionId}` } })),
    });
    expect(res.status).toBe(200);
    const statuses = res.body.entry.map((e: { response: { status: string } }) => Number(e.response.status.slice(0, 3)));
    expect(statuses).toEqual(patientKeys.map((k) => statusFor(expectedAccess(m, world.patients[k], true))));
  });

  it('type-level rights follow the table: directory writes for admins, reports for reporters, never the audit trail', async () => {
    const m = member(staffKey);
    const policy = rolePolicies[m.role];
    const org = await m.fhir('POST', 'Organization', { resourceType: 'Organization', name: `Made by ${staffKey}` });
    expect(org.status).toBe(policy.administers ? 201 : 403);
    expect((await m.fhir('GET', 'Organization?_count=1')).status).toBe(200);
    expect((await m.fhir('GET', 'MeasureReport')).status).toBe(policy.reports === 'read' ? 200 : 403);
    expect((await m.fhir('GET', 'AuditEvent?_count=1')).status).toBe(policy.audit === 'none' ? 403 : 200);
    const audit = await m.fhir('POST', 'AuditEvent', {
      resourceType: 'AuditEvent',
      type: { code: 'rest' },
      recorded: new Date().toISOString(),
      agent: [{ requestor: true }],
      source: { observer: { display: 'x' } },
    });
    expect(audit.status).toBe(403);
  });
});

describe('updates of hidden records', () => {
  it('a caseworker cannot overwrite a patient they cannot see, nor learn that it exists', async () => {
    const m = member('a.caseworker');
    const p = world.patients.atPartner;
    const res = await m.fhir('PUT', `Patient/${p.id}`, { resourceType: 'Patient', id: p.id, name: [{ family: 'Overwritten' }] });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toContain('Matrix');
    const still = await world.migration('GET', `Patient/${p.id}`);
    expect(still.body.name[0].family).toBe('Matrix');
  });

  it('a caseworker cannot label their own writing PSY (they could not read it back)', async () => {
    const m = member('a.caseworker');
    const res = await m.fhir('POST', 'Condition', {
      resourceType: 'Condition',
      meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'F32.1' }], text: 'x' },
      subject: { reference: `Patient/${world.patients.unassignedA1.id}` },
    });
    expect(res.status).toBe(403);
  });

  it('a patient registered by a caseworker belongs to their organisation and site, and is theirs to see', async () => {
    const m = member('a.caseworker');
    const created = await m.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Newcomer' }] });
    expect(created.status).toBe(201);
    expect(created.body.managingOrganization.reference).toBe(`Organization/${world.orgA}`);
    expect((await member('b.caseworker').fhir('GET', `Patient/${created.body.id}`)).status).toBe(404);
    const elsewhere = await m.fhir('POST', 'Patient', {
      resourceType: 'Patient',
      managingOrganization: { reference: `Organization/${world.orgB}` },
    });
    expect(elsewhere.status).toBe(403);
  });
});
