import type { Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirClient, type TestAccount } from '../support/server.js';
import { useTestServer } from '../support/suite.js';
import { createPatient, responseTo, search, type Fhir } from './fixtures.js';

// Recording the review of a suicide risk: the risk-review Task completed with a note closes its Flag in the
// same transaction (server/clinical/risk-review-rule.ts); a Flag closed by hand cancels the Task instead
// (server/clinical/close-risk-flag-rule.ts).
const suite = useTestServer();
const { fhir } = suite;
let psychologist: TestAccount;
let caseworker: TestAccount;

beforeAll(async () => {
  [psychologist, caseworker] = await Promise.all([suite.server.createAccount({ role: 'psychologist' }), suite.server.createAccount({ role: 'caseworker' })]);
});

async function as(account: TestAccount): Promise<Fhir> {
  const tokens = await suite.server.login(account.username, account.password);
  return fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${tokens.access_token}` });
}

/** A patient of the site (no case yet: the site's caseworkers reach them) with an active alert; its Flag and review Task. */
async function alert() {
  const patientId = await createPatient(fhir, suite.server);
  const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', patientId, { 'phq9-9': { weight: 1 } }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const [flag] = await search(fhir, 'Flag', `detail=QuestionnaireResponse/${created.body.id}`);
  const [task] = await search(fhir, 'Task', `focus=Flag/${flag.id}&code=https://hiwa.health/fhir/CodeSystem/task-type|risk-review`);
  return { patientId, flag, task };
}

const reviewed = (task: Task, text: string): Task => ({ ...task, status: 'completed', note: [...(task.note ?? []), { text }] });

describe('recording the review of a suicide risk', () => {
  it('a clinician completes the review Task with a note: the note is stamped, and the Flag closes in the same transaction', async () => {
    const { flag, task } = await alert();
    const before = Date.now();
    const res = await (await as(psychologist))('PUT', `Task/${task.id}`, reviewed(task, '  Seen today: passive thoughts, no plan. Safety plan made.  '));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const note = res.body.note.at(-1);
    expect(note).toMatchObject({ text: 'Seen today: passive thoughts, no plan. Safety plan made.', authorReference: { reference: `Practitioner/${psychologist.practitionerId}` } });
    expect(Date.parse(note.time)).toBeGreaterThanOrEqual(before - 1000);
    // the server's note naming who was told is kept before it
    expect(res.body.note).toHaveLength((task.note ?? []).length + 1);
    expect(Date.parse(res.body.executionPeriod.end)).toBeGreaterThanOrEqual(before - 1000);

    const closed = (await fhir('GET', `Flag/${flag.id}`)).body;
    expect(closed.status).toBe('inactive');
    expect(Date.parse(closed.period.end)).toBeGreaterThanOrEqual(before - 1000);
    expect(closed.period.start).toBe(flag.period.start);
  });

  it('is refused (403) to a caseworker: the Task stays open and the Flag active', async () => {
    const { flag, task } = await alert();
    const res = await (await as(caseworker))('PUT', `Task/${task.id}`, reviewed(task, 'Spoke with her.'));
    expect(res.status).toBe(403);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].diagnostics).toContain('psychologist');
    expect((await fhir('GET', `Task/${task.id}`)).body.status).toBe('requested');
    expect((await fhir('GET', `Flag/${flag.id}`)).body.status).toBe('active');
  });

  it('is refused (422 at Task.note) without a note, or with a blank one: nothing changes', async () => {
    const { flag, task } = await alert();
    const reviewer = await as(psychologist);
    for (const body of [{ ...task, status: 'completed' }, reviewed(task, '   ')]) {
      const res = await reviewer('PUT', `Task/${task.id}`, body);
      expect(res.status).toBe(422);
      expect(res.body.issue[0].expression).toEqual(['Task.note']);
    }
    expect((await fhir('GET', `Task/${task.id}`)).body.status).toBe('requested');
    expect((await fhir('GET', `Flag/${flag.id}`)).body.status).toBe('active');
  });

  it('other changes to the open review Task are not a review: a caseworker may still write to it', async () => {
    const { task } = await alert();
    const res = await (await as(caseworker))('PUT', `Task/${task.id}`, { ...task, note: [...(task.note ?? []), { text: 'Called her: she comes in at two.' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('requested');
  });

  it('a clinician who closes the alert on the Flag itself: its open review Task is cancelled, saying so, and the review can still be recorded on it', async () => {
    const { flag, task } = await alert();
    const reviewer = await as(psychologist);
    expect((await reviewer('PUT', `Flag/${flag.id}`, { ...flag, status: 'inactive' })).status).toBe(200);
    const cancelled = (await fhir('GET', `Task/${task.id}`)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.statusReason.text).toBe(
      `The suicide-risk alert was closed on the Flag itself by Practitioner/${psychologist.practitionerId}; no review was recorded on this Task`,
    );
    // out of the open work: the open risk-review Tasks of the patient are none
    expect(await search(fhir, 'Task', `focus=Flag/${flag.id}&status=requested,received,accepted,ready,in-progress,on-hold`)).toEqual([]);
    const recorded = await reviewer('PUT', `Task/${task.id}`, reviewed(cancelled, 'Seen the next morning: no plan, safety plan reviewed.'));
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.status).toBe('completed');
  });

  it('a Flag already closed by hand stays as it was closed when its Task is then completed', async () => {
    const { flag, task } = await alert();
    const reviewer = await as(psychologist);
    const end = new Date(Date.now() - 60_000).toISOString();
    expect((await reviewer('PUT', `Flag/${flag.id}`, { ...flag, status: 'inactive', period: { ...flag.period, end } })).status).toBe(200);
    expect((await reviewer('PUT', `Task/${task.id}`, reviewed(task, 'Reviewed with the psychiatrist.'))).status).toBe(200);
    expect((await fhir('GET', `Flag/${flag.id}`)).body.period.end).toBe(end);
  });
});
