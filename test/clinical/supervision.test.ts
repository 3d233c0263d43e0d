import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { useTestServer } from '../support/suite.js';
import { count, createPatient, openCase, search } from './fixtures.js';
import { member, type Member } from './workflow-fixtures.js';

/**
 * Supervision: reassigning a case (case manager, care team and the old manager's open Tasks in one step,
 * supervisors only) and the caseload per worker as a search and a count.
 */

const suite = useTestServer();
const { fhir } = suite; // the test supervisor
let first: Member;
let second: Member;

const CASE_MANAGER = { system: 'https://hiwa.health/fhir/CodeSystem/care-team-role', code: 'case-manager' };

beforeAll(async () => {
  first = await member(suite.server, 'caseworker');
  second = await member(suite.server, 'caseworker');
});

const reassign = (by: typeof fhir, episodeId: string, to: string, reason = 'Leave from next week') =>
  by('POST', `EpisodeOfCare/${episodeId}/$reassign`, {
    resourceType: 'Parameters',
    parameter: [
      { name: 'careManager', valueReference: { reference: to } },
      { name: 'reason', valueString: reason },
    ],
  });

describe('EpisodeOfCare/$reassign', () => {
  it("changes the case manager and the care team together, hands over the old manager's open Tasks, and leaves an AuditEvent with the reason", async () => {
    const patientId = await createPatient(fhir, suite.server);
    const episodeId = await openCase(fhir, patientId, first.account.practitionerId);
    const followUp = await first.fhir('POST', 'Task', {
      resourceType: 'Task',
      status: 'requested',
      intent: 'plan',
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'next-session' }] },
      for: { reference: `Patient/${patientId}` },
      owner: { reference: first.reference },
      restriction: { period: { end: '2026-12-20T09:00:00Z' } },
    });
    expect(followUp.status, JSON.stringify(followUp.body)).toBe(201);

    const res = await reassign(fhir, episodeId, second.reference);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const episode = (await fhir('GET', `EpisodeOfCare/${episodeId}`)).body;
    expect(episode.careManager).toEqual({ reference: second.reference });
    const team = (await fhir('GET', episode.team[0].reference)).body;
    const managers = team.participant.filter((p: { role: { coding: unknown[] }[] }) => JSON.stringify(p.role).includes(CASE_MANAGER.code));
    expect(managers).toHaveLength(1);
    expect(managers[0]).toMatchObject({ member: { reference: second.reference } });
    expect((await fhir('GET', `Task/${followUp.body.id}`)).body.owner).toEqual({ reference: second.reference });

    // the new case manager reaches the patient; the old one no longer does
    expect((await second.fhir('GET', `Patient/${patientId}`)).status).toBe(200);
    expect((await first.fhir('GET', `Patient/${patientId}`)).status).toBe(404);

    // a second reassignment ends the first manager's participation in the same team
    expect((await reassign(fhir, episodeId, first.reference)).status).toBe(200);
    const again = (await fhir('GET', episode.team[0].reference)).body;
    const periods = again.participant.map((p: { member: { reference: string }; period: { start: string; end?: string } }) => [p.member.reference, p.period.end === undefined]);
    expect(periods).toEqual([
      [second.reference, false],
      [first.reference, true],
    ]);

    const audit = await search(fhir, 'AuditEvent', `entity=EpisodeOfCare/${episodeId}&_sort=-date`);
    const event = audit.find((e) => e.entity?.some((x: { query?: string }) => x.query !== undefined));
    expect(JSON.stringify(event)).toContain('Leave from next week');
  });

  it('is refused to anyone but a supervisor (403), for a closed case (409), and for staff of another organisation (422)', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const episodeId = await openCase(fhir, patientId, first.account.practitionerId);
    expect((await reassign(first.fhir, episodeId, second.reference)).status).toBe(403);

    const partner = (await createOrganization(suite.server.auth, { name: 'Partner CSO' })).id as string;
    const partnerSite = (await createSite(suite.server.auth, { name: 'Partner site', organization: partner })).id as string;
    const outsider = await suite.server.createAccount({ role: 'caseworker', organization: partner, sites: [partnerSite] });
    const res = await reassign(fhir, episodeId, `Practitioner/${outsider.practitionerId}`);
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression).toEqual(["Parameters.parameter.where(name='careManager')"]);
    const missing = await fhir('POST', `EpisodeOfCare/${episodeId}/$reassign`, { resourceType: 'Parameters' });
    expect(missing.status).toBe(422);

    const cancelled = await fhir('POST', 'EpisodeOfCare', { resourceType: 'EpisodeOfCare', status: 'waitlist', patient: { reference: `Patient/${patientId}` } });
    const stored = cancelled.body;
    expect((await fhir('PUT', `EpisodeOfCare/${stored.id}`, { ...stored, status: 'cancelled' })).status).toBe(200);
    expect((await reassign(fhir, stored.id, second.reference)).status).toBe(409);
  });
});

describe('caseload per worker', () => {
  it('EpisodeOfCare?care-manager=…&status=active lists the active cases, and _summary=count counts them', async () => {
    const worker = await member(suite.server, 'caseworker');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await openCase(fhir, await createPatient(fhir, suite.server), worker.account.practitionerId));
    const held = await fhir('GET', `EpisodeOfCare/${ids[2]}`);
    expect((await fhir('PUT', `EpisodeOfCare/${ids[2]}`, { ...held.body, status: 'onhold' })).status).toBe(200);

    const active = await search(fhir, 'EpisodeOfCare', `care-manager=${worker.reference}&status=active`);
    expect(active.map((e) => e.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(await count(fhir, 'EpisodeOfCare', `care-manager=${worker.reference}&status=active`)).toBe(2);
    expect(await count(fhir, 'EpisodeOfCare', `care-manager=${worker.reference}&status=active,onhold`)).toBe(3);
  });
});

describe('the approvals queue', () => {
  const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';
  const APPROVALS = ['case-closure', 'transfer', 'break-glass-review', 'duplicate-review', 'consent-override-review'].map((code) => `${TASK_TYPE}|${code}`).join(',');

  it('is one search for every kind a supervisor decides; a break-glass review is completed, or rejected with the reason', async () => {
    const otherSite = (await createSite(suite.server.auth, { name: 'Another site of the programme', organization: suite.server.organizationId })).id as string;
    const psychologist = await member(suite.server, 'psychologist', { sites: [otherSite] });
    const reviews = [];
    for (const reason of ['Called by the camp clinic: needs the safety plan now', 'Covering for a colleague on leave']) {
      const patientId = await createPatient(fhir, suite.server);
      const opened = await psychologist.fhir('POST', `Patient/${patientId}/$break-glass`, { resourceType: 'Parameters', parameter: [{ name: 'reason', valueString: reason }] });
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      const [review] = await search(fhir, 'Task', `patient=Patient/${patientId}&code=${APPROVALS}&status=requested`);
      expect(review?.code?.coding?.[0]?.code).toBe('break-glass-review');
      expect(review?.reasonCode).toEqual({ text: reason }); // the words typed, apart from the server's sentence
      reviews.push(review);
    }

    const approved = await fhir('PUT', `Task/${reviews[0].id}`, { ...reviews[0], status: 'completed' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const declined = await fhir('PUT', `Task/${reviews[1].id}`, { ...reviews[1], status: 'rejected', statusReason: { text: 'Not this psychologist’s patient; discussed with them' } });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const waiting = await search(fhir, 'Task', `code=${APPROVALS}&status=requested`);
    expect(waiting.map((t) => t.id)).not.toContain(reviews[0].id);
    expect(waiting.map((t) => t.id)).not.toContain(reviews[1].id);
  });
});
