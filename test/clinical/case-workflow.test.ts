import type { EpisodeOfCare, Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { consentFor } from '../access/consents.js';
import { useTestServer } from '../support/suite.js';
import { createPatient, search } from './fixtures.js';
import { allowedNextOf, member, setStatus, WRITE_WAYS, type Member } from './workflow-fixtures.js';

/**
 * The case (EpisodeOfCare) on the server: its state machine through every way of writing it, reopening
 * within CASE_REOPEN_DAYS, and closure only through a supervisor's approval of a case-closure Task, never
 * while a suicide-risk Flag waits for a clinician's review.
 */

const suite = useTestServer();
const { fhir } = suite; // the test supervisor
let caseworker: Member;
let psychologist: Member;

const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';
const CASE_CLOSURE = 'https://hiwa.health/fhir/StructureDefinition/case-closure';
const DAY = 86_400_000;

beforeAll(async () => {
  caseworker = await member(suite.server, 'caseworker');
  psychologist = await member(suite.server, 'psychologist');
});

/** A patient with consent to services and a case in `status`, held by the caseworker. */
async function caseIn(status: 'waitlist' | 'active'): Promise<EpisodeOfCare> {
  const patientId = await createPatient(fhir, suite.server);
  expect((await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'services' }))).status).toBe(201);
  const res = await caseworker.fhir('POST', 'EpisodeOfCare', {
    resourceType: 'EpisodeOfCare',
    status,
    patient: { reference: `Patient/${patientId}` },
    careManager: { reference: caseworker.reference },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function current(episode: EpisodeOfCare): Promise<EpisodeOfCare> {
  return (await fhir('GET', `EpisodeOfCare/${episode.id}`)).body;
}

function closureTask(episode: EpisodeOfCare, overrides: Partial<Task> = {}): Task {
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'proposal',
    code: { coding: [{ system: TASK_TYPE, code: 'case-closure' }] },
    focus: { reference: `EpisodeOfCare/${episode.id}` },
    reasonCode: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/case-closure-reason', code: 'goals-met' }] },
    input: [{ type: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-parameter', code: 'closure-outcome' }] }, valueString: 'Goals met; coping well.' }],
    ...overrides,
  };
}

describe.each(WRITE_WAYS)('the case state machine through %s', (way) => {
  it('walks waitlist → active → onhold → active', async () => {
    let episode = await caseIn('waitlist');
    for (const status of ['active', 'onhold', 'active'] as const) {
      const res = await setStatus(caseworker.fhir, way, episode, { status });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      episode = await current(episode);
      expect(episode.status).toBe(status);
    }
  });

  it('refuses active → waitlist with a 409 listing the allowed next states, and keeps the case as it was', async () => {
    const episode = await caseIn('active');
    const res = await setStatus(caseworker.fhir, way, episode, { status: 'waitlist' });
    expect(res.status).toBe(409);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression[0]).toMatch(/(^EpisodeOfCare|\.resource)\.status$/);
    expect(res.body.issue[0].diagnostics).toContain('allowed next: onhold, finished');
    expect(allowedNextOf(res.body)).toEqual(['onhold', 'finished']);
    expect((await current(episode)).meta?.versionId).toBe(episode.meta?.versionId);
  });

  it('refuses anything out of cancelled, which ends a case for good', async () => {
    const episode = await caseIn('waitlist');
    expect((await setStatus(caseworker.fhir, way, episode, { status: 'cancelled' })).status).toBe(200);
    const res = await setStatus(caseworker.fhir, way, await current(episode), { status: 'active' });
    expect(res.status).toBe(409);
    expect(allowedNextOf(res.body)).toEqual([]);
  });

  it("refuses a caseworker's active → finished: closing needs a supervisor's approval", async () => {
    const episode = await caseIn('active');
    const res = await setStatus(caseworker.fhir, way, episode, { status: 'finished' });
    expect(res.status).toBe(409);
    expect(res.body.issue[0].diagnostics).toContain("Closing a case needs a supervisor's approval");
    expect(res.body.issue[0].diagnostics).toContain('case-closure');
  });
});

describe('opening a case', () => {
  it('opens as waitlist or active, never straight into a later state (409)', async () => {
    const open = await caseIn('active');
    for (const status of ['onhold', 'finished', 'cancelled']) {
      const res = await caseworker.fhir('POST', 'EpisodeOfCare', { ...open, id: undefined, meta: undefined, status });
      expect(res.status, status).toBe(409);
      expect(allowedNextOf(res.body)).toEqual(['planned', 'waitlist', 'active']);
    }
  });
});

describe('closing a case: a case-closure Task that a supervisor approves', () => {
  it("a supervisor, too, closes through the Task, so that every closure has its reason and outcome", async () => {
    const episode = await caseIn('active');
    const res = await fhir('PUT', `EpisodeOfCare/${episode.id}`, { ...episode, status: 'finished' });
    expect(res.status).toBe(409);
    expect(res.body.issue[0].diagnostics).toContain('A supervisor closes a case by completing its case-closure Task');
  });

  it('needs the case, the reason and the outcome (422 naming each)', async () => {
    const episode = await caseIn('active');
    const res = await caseworker.fhir('POST', 'Task', closureTask(episode, { focus: undefined, reasonCode: undefined, input: undefined }));
    expect(res.status).toBe(422);
    expect(res.body.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['Task.focus', 'Task.reasonCode', 'Task.input']);
  });

  it('is addressed to the site\'s supervisors; a caseworker may not approve it (403); the supervisor\'s approval closes the case at once', async () => {
    const episode = await caseIn('active');
    const created = await caseworker.fhir('POST', 'Task', closureTask(episode));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const task: Task = created.body;
    expect(task.for).toEqual(episode.patient);
    expect(task.performerType?.[0]?.coding?.[0]?.code).toBe('supervisor');
    expect(task.restriction?.recipient).toContainEqual(expect.objectContaining({ reference: `PractitionerRole/${suite.server.account.practitionerRoleId}` }));

    const bySelf = await setStatus(caseworker.fhir, 'PATCH', task, { status: 'completed' });
    expect(bySelf.status).toBe(403);
    expect((await current(episode)).status).toBe('active');

    const approved = await setStatus(fhir, 'PATCH', task, { status: 'completed' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const closed = await current(episode);
    expect(closed.status).toBe('finished');
    expect(closed.period?.end).toBeDefined();
    expect(closed.statusHistory?.at(-1)?.status).toBe('active');
    expect(closed.extension).toContainEqual({ url: CASE_CLOSURE, valueReference: { reference: `Task/${task.id}` } });
  });

  it('a supervisor may record and approve a closure in one write (a Task created completed)', async () => {
    const episode = await caseIn('active');
    const res = await fhir('POST', 'Task', closureTask(episode, { status: 'completed' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await current(episode)).status).toBe('finished');
  });

  it('is refused while a suicide-risk Flag waits for a clinician\'s review, and goes through once a clinician has closed it', async () => {
    const episode = await caseIn('active');
    const flag = await fhir('POST', 'Flag', {
      resourceType: 'Flag',
      status: 'active',
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/flag-code', code: 'suicide-risk' }] },
      subject: episode.patient,
    });
    expect(flag.status).toBe(201);
    const task: Task = (await caseworker.fhir('POST', 'Task', closureTask(episode))).body;

    const refused = await setStatus(fhir, 'transaction', task, { status: 'completed' });
    expect(refused.status).toBe(409);
    expect(refused.body.issue[0].diagnostics).toContain(`Flag/${flag.body.id}`);
    expect((await fhir('GET', `Task/${task.id}`)).body.status).toBe('requested'); // the approval rolled back with the closure
    expect((await current(episode)).status).toBe('active');

    expect((await psychologist.fhir('PUT', `Flag/${flag.body.id}`, { ...flag.body, status: 'inactive' })).status).toBe(200);
    expect((await setStatus(fhir, 'transaction', task, { status: 'completed' })).status).toBe(200);
    expect((await current(episode)).status).toBe('finished');
  });

  it('a closed case can be reopened within CASE_REOPEN_DAYS (default 90) of its closure, not later', async () => {
    const episode = await caseIn('active');
    await fhir('POST', 'Task', closureTask(episode, { status: 'completed' }));
    const reopened = await setStatus(caseworker.fhir, 'PATCH', await current(episode), { status: 'active' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);

    // a case closed long ago, as a legacy system held it
    const migration = (await import('../support/server.js')).fhirClient(suite.server.fhirBase, {
      Authorization: `Bearer ${await suite.server.dataMigrationToken()}`,
    });
    const old = await migration('POST', 'EpisodeOfCare', {
      ...episode,
      id: undefined,
      meta: undefined,
      status: 'finished',
      period: { start: new Date(Date.now() - 200 * DAY).toISOString(), end: new Date(Date.now() - 91 * DAY).toISOString() },
    });
    expect(old.status).toBe(201);
    const late = await setStatus(caseworker.fhir, 'PUT', old.body, { status: 'active' });
    expect(late.status).toBe(409);
    expect(late.body.issue[0].diagnostics).toContain('within 90 days of its closure');
  });

  it('the closure Tasks waiting for approval are a plain search for the supervisor', async () => {
    const episode = await caseIn('active');
    const task: Task = (await caseworker.fhir('POST', 'Task', closureTask(episode))).body;
    const waiting = await search(fhir, 'Task', `code=${TASK_TYPE}|case-closure&status=requested`);
    expect(waiting.map((t) => t.id)).toContain(task.id);
  });
});
