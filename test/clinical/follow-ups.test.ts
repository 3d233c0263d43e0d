import type { Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { allWeighted } from '../questionnaires/fixtures.js';
import type { TestAccount } from '../support/server.js';
import { useTestServer } from '../support/suite.js';
import { createPatient, patientInCareOf, PHQ9_ITEMS_1_TO_8, responseTo, search, SRQ20_ITEMS } from './fixtures.js';
import { member, type Member } from './workflow-fixtures.js';

/**
 * Follow-ups are Tasks due by restriction.period.end: re-assessments the server creates when a PHQ-9 or
 * SRQ-20 score is recorded during an active case, next sessions and referral follow-ups; the due and
 * overdue lists per worker, per site and per supervisor are plain searches (`due`, `recipient`).
 */

const suite = useTestServer({ env: { REASSESSMENT_INTERVAL_DAYS: '21' } });
const { fhir } = suite; // the test supervisor
let psychologist: TestAccount;
let caseworker: Member;

const TASK_TYPE = 'https://hiwa.health/fhir/CodeSystem/task-type';
const REASSESSMENT = `${TASK_TYPE}|reassessment`;
const DAY = 86_400_000;

beforeAll(async () => {
  psychologist = await suite.server.createAccount({ role: 'psychologist' });
  caseworker = await member(suite.server, 'caseworker');
});

async function create(type: string, resource: unknown): Promise<string> {
  const res = await fhir('POST', type, resource);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

function phq9(patientId: string, authored: string) {
  return { ...responseTo('PHQ9', patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 0)), authored };
}

function nextSession(patientId: string, owner: string, due: Date): Task {
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'plan',
    code: { coding: [{ system: TASK_TYPE, code: 'next-session' }] },
    for: { reference: `Patient/${patientId}` },
    owner: { reference: owner },
    restriction: { period: { end: due.toISOString() } },
  };
}

describe('re-assessment Tasks', () => {
  it('a PHQ-9 during an active case: a re-assessment for the case manager, due the configured days after it was given', async () => {
    const patientId = await patientInCareOf(fhir, suite.server, psychologist.practitionerId);
    await create('QuestionnaireResponse', phq9(patientId, '2026-11-02T10:00:00Z'));
    const tasks = await search(fhir, 'Task', `patient=Patient/${patientId}&code=${REASSESSMENT}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      status: 'requested',
      owner: { reference: `Practitioner/${psychologist.practitionerId}` },
      restriction: { period: { end: '2026-11-23T10:00:00.000Z' } },
      input: [{ valueCanonical: 'https://hiwa.health/fhir/Questionnaire/PHQ9' }],
    });

    // the next PHQ-9 completes it and asks for the one after; an SRQ-20 has its own
    const next = await create('QuestionnaireResponse', phq9(patientId, '2026-11-20T09:00:00Z'));
    await create('QuestionnaireResponse', { ...responseTo('SRQ20', patientId, allWeighted(SRQ20_ITEMS, 0)), authored: '2026-11-20T09:30:00Z' });
    const after = await search(fhir, 'Task', `patient=Patient/${patientId}&code=${REASSESSMENT}&_sort=due`);
    expect(after.map((t) => [t.status, t.restriction.period.end, t.input[0].valueCanonical.split('/').at(-1)])).toEqual([
      ['completed', '2026-11-23T10:00:00.000Z', 'PHQ9'],
      ['requested', '2026-12-11T09:00:00.000Z', 'PHQ9'],
      ['requested', '2026-12-11T09:30:00.000Z', 'SRQ20'],
    ]);
    expect(after[0].output[0].valueReference).toEqual({ reference: `QuestionnaireResponse/${next}` });
  });

  it('no re-assessment without an active case, and none for an amendment', async () => {
    const patientId = await createPatient(fhir, suite.server);
    await create('QuestionnaireResponse', phq9(patientId, '2026-11-02T10:00:00Z'));
    expect(await search(fhir, 'Task', `patient=Patient/${patientId}&code=${REASSESSMENT}`)).toHaveLength(0);

    const inCare = await patientInCareOf(fhir, suite.server, psychologist.practitionerId);
    const first = await create('QuestionnaireResponse', phq9(inCare, '2026-11-02T10:00:00Z'));
    const amended = { ...phq9(inCare, '2026-11-02T10:00:00Z'), id: first, status: 'amended' };
    expect((await fhir('PUT', `QuestionnaireResponse/${first}`, amended)).status).toBe(200);
    expect(await search(fhir, 'Task', `patient=Patient/${inCare}&code=${REASSESSMENT}`)).toHaveLength(1);
  });
});

describe('follow-up Tasks', () => {
  it('a follow-up without its due date or patient is a 422 naming what is missing', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const { restriction: _restriction, ...undated } = nextSession(patientId, caseworker.reference, new Date());
    const res = await fhir('POST', 'Task', undated);
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression).toEqual(['Task.restriction.period.end']);
    const { for: _for, ...nobody } = nextSession(patientId, caseworker.reference, new Date());
    expect((await fhir('POST', 'Task', nobody)).body.issue[0].expression).toEqual(['Task.for']);
  });

  it('a referral gives its referrer a referral follow-up, due REFERRAL_FOLLOW_UP_DAYS later', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const referral = await create('Task', {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      code: { coding: [{ system: TASK_TYPE, code: 'referral' }] },
      for: { reference: `Patient/${patientId}` },
      requester: { reference: `Practitioner/${suite.server.account.practitionerId}` },
      owner: { reference: `Practitioner/${psychologist.practitionerId}` },
    });
    const [followUp] = await search(fhir, 'Task', `focus=Task/${referral}&code=${TASK_TYPE}|referral-follow-up`);
    expect(followUp.owner).toEqual({ reference: `Practitioner/${suite.server.account.practitionerId}` });
    const due = Date.parse(followUp.restriction.period.end) - Date.parse(followUp.authoredOn);
    expect(due).toBe(14 * DAY);
  });
});

describe('due and overdue lists are searches', () => {
  it('per worker (owner), per site (patient.site) and per supervisor (recipient), with due=lt now for overdue', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const now = Date.now();
    const overdue = await create('Task', nextSession(patientId, caseworker.reference, new Date(now - 2 * DAY)));
    const dueSoon = await create('Task', nextSession(patientId, caseworker.reference, new Date(now + 3 * DAY)));
    const later = await create('Task', nextSession(patientId, caseworker.reference, new Date(now + 30 * DAY)));
    const instant = (ms: number) => new Date(ms).toISOString();

    const mine = (query: string) => search(caseworker.fhir, 'Task', `owner=${caseworker.reference}&status=requested&${query}`).then((ts) => ts.map((t) => t.id));
    expect(await mine(`due=lt${instant(now)}`)).toEqual([overdue]);
    expect(await mine(`due=ge${instant(now)}&due=lt${instant(now + 7 * DAY)}`)).toEqual([dueSoon]);
    expect(await mine(`_sort=due`)).toEqual([overdue, dueSoon, later]);

    const atSite = await search(fhir, 'Task', `patient.site=Location/${suite.server.siteId}&status=requested&due=lt${instant(now)}&code=${TASK_TYPE}|next-session`);
    expect(atSite.map((t) => t.id)).toContain(overdue);
    expect(atSite.map((t) => t.id)).not.toContain(dueSoon);
  });

  it("a supervisor's queue: Tasks naming their role in restriction.recipient, by code", async () => {
    const patientId = await patientInCareOf(fhir, suite.server, psychologist.practitionerId);
    await create('QuestionnaireResponse', responseTo('PHQ9', patientId, { ...allWeighted(PHQ9_ITEMS_1_TO_8, 1), 'phq9-9': { weight: 2 } }));
    const [role] = await search(fhir, 'PractitionerRole', `practitioner=Practitioner/${suite.server.account.practitionerId}`);
    const queue = await search(fhir, 'Task', `recipient=PractitionerRole/${role.id}&status=requested&patient=Patient/${patientId}`);
    expect(queue.map((t) => t.code.coding[0].code).sort()).toEqual(['risk-review', 'safety-plan-needed']);
    const overdueForSupervisor = await search(fhir, 'Task', `recipient=PractitionerRole/${role.id}&status=requested&due=lt${new Date(Date.now() + 2 * DAY).toISOString()}&patient=Patient/${patientId}`);
    expect(overdueForSupervisor).toHaveLength(2);
  });
});
