import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';
import { createPatient } from './fixtures.js';
import { allowedNextOf, member, setStatus, WRITE_WAYS, type Member } from './workflow-fixtures.js';

/**
 * A referral's Task on the server: requested → accepted | rejected (with a reason) | cancelled (by the
 * referrer), accepted → in-progress → completed (with an outcome). The recipient (Task.owner) answers and
 * completes, the referrer (Task.requester) cancels; an illegal move is a 409 with the allowed next states,
 * the wrong person a 403 naming who may.
 */

const suite = useTestServer();
const { fhir } = suite;
let psychologist: Member;
let psychiatrist: Member;

beforeAll(async () => {
  psychologist = await member(suite.server, 'psychologist');
  psychiatrist = await member(suite.server, 'psychiatrist');
});

/** The psychologist refers a new patient to the psychiatrist (or the owner given): the request and its Task. */
async function refer(owner?: string): Promise<Task> {
  const patientId = await createPatient(fhir, suite.server);
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${patientId}` },
    requester: { reference: psychologist.reference },
    performer: [{ reference: psychiatrist.reference }],
  };
  const sr = await psychologist.fhir('POST', 'ServiceRequest', request);
  expect(sr.status, JSON.stringify(sr.body)).toBe(201);
  const task = await psychologist.fhir('POST', 'Task', {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: `ServiceRequest/${sr.body.id}` },
    for: request.subject,
    requester: { reference: psychologist.reference },
    owner: { reference: owner ?? psychiatrist.reference, display: 'Dr Psychiatrist' },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  return task.body;
}

const outcome = { output: [{ type: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-parameter', code: 'referral-outcome' }] }, valueString: 'Seen; sertraline started' }] };

describe.each(WRITE_WAYS)('the referral Task machine through %s', (way) => {
  it('the recipient accepts, starts and completes it with an outcome', async () => {
    let task = await refer();
    for (const [status, extra] of [['accepted', {}], ['in-progress', {}], ['completed', outcome]] as const) {
      const res = await setStatus(psychiatrist.fhir, way, task, { status, ...extra });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      task = res.body;
      expect(task.status).toBe(status);
    }
  });

  it('accepted → completed skips the work: 409 listing in-progress', async () => {
    const task = await refer();
    const accepted = (await setStatus(psychiatrist.fhir, way, task, { status: 'accepted' })).body;
    const res = await setStatus(psychiatrist.fhir, way, accepted, { status: 'completed', ...outcome });
    expect(res.status).toBe(409);
    expect(res.body.issue[0].expression[0]).toMatch(/(^Task|\.resource)\.status$/);
    expect(allowedNextOf(res.body)).toEqual(['in-progress']);
  });

  it('the referrer may not accept it (403 naming the recipient), the recipient may not cancel it (403 naming the referrer)', async () => {
    const task = await refer();
    const accept = await setStatus(psychologist.fhir, way, task, { status: 'accepted' });
    expect(accept.status).toBe(403);
    expect(accept.body.issue[0].diagnostics).toContain('its recipient (Dr Psychiatrist)');
    const cancel = await setStatus(psychiatrist.fhir, way, task, { status: 'cancelled' });
    expect(cancel.status).toBe(403);
    expect(cancel.body.issue[0].diagnostics).toContain(`its referrer (${psychologist.reference})`);
  });

  it('the referrer cancels it while unanswered; a cancelled referral goes nowhere', async () => {
    const task = await refer();
    const cancelled = await setStatus(psychologist.fhir, way, task, { status: 'cancelled' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const res = await setStatus(psychiatrist.fhir, way, cancelled.body, { status: 'accepted' });
    expect(res.status).toBe(409);
    expect(allowedNextOf(res.body)).toEqual([]);
  });
});

describe('what a move must carry', () => {
  it('a rejection needs its reason (422 naming statusReason)', async () => {
    const task = await refer();
    const bare = await setStatus(psychiatrist.fhir, 'PUT', task, { status: 'rejected' });
    expect(bare.status).toBe(422);
    expect(bare.body.issue[0].expression).toEqual(['Task.statusReason']);
    const reasoned = await setStatus(psychiatrist.fhir, 'PUT', task, { status: 'rejected', statusReason: { text: 'Needs an inpatient service; refer to the hospital' } });
    expect(reasoned.status).toBe(200);
  });

  it('a completion needs its outcome (422 naming output)', async () => {
    const task = await refer();
    const accepted = (await setStatus(psychiatrist.fhir, 'PATCH', task, { status: 'accepted' })).body;
    const started = (await setStatus(psychiatrist.fhir, 'PATCH', accepted, { status: 'in-progress' })).body;
    const res = await setStatus(psychiatrist.fhir, 'PATCH', started, { status: 'completed' });
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression).toEqual(['Task.output']);
  });

  it('a referral is made as requested, not further along (409)', async () => {
    const task = await refer();
    const { id: _id, meta: _meta, ...copy } = task;
    const res = await psychologist.fhir('POST', 'Task', { ...copy, status: 'completed', ...outcome });
    expect(res.status).toBe(409);
    expect(allowedNextOf(res.body)).toEqual(['requested']);
  });
});

describe('the recipient named by role', () => {
  it('a referral owned by the psychiatrist\'s PractitionerRole is theirs to accept', async () => {
    const task = await refer(`PractitionerRole/${psychiatrist.account.practitionerRoleId}`);
    expect((await setStatus(psychologist.fhir, 'PATCH', task, { status: 'accepted' })).status).toBe(403);
    expect((await setStatus(psychiatrist.fhir, 'PATCH', task, { status: 'accepted' })).status).toBe(200);
  });
});
