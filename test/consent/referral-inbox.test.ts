import type { Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingTime, answerDeadline, isOverdue } from '../../server/clinical/answer-deadline.js';
import { DEFAULT_WORKFLOW_SETTINGS as settings } from '../../server/clinical/workflow-settings.js';
import { createPatient, search } from '../clinical/fixtures.js';
import { member, setStatus, type Member } from '../clinical/workflow-fixtures.js';
import { useTestServer } from '../support/suite.js';

/**
 * The psychiatrist's inbox: referrals not answered within two working days (Sunday–Thursday in Baghdad), or
 * four hours when urgent, are overdue; the inbox is a search sorted most urgent first, then oldest.
 */

const at = (iso: string) => new Date(iso);

describe('when a referral must be answered (Asia/Baghdad, UTC+3, working days Sunday–Thursday)', () => {
  // 2026-12-03 is a Thursday.
  it.each([
    ['Thursday 10:00 → Monday 10:00 (Friday and Saturday do not count)', '2026-12-03T07:00:00Z', '2026-12-07T07:00:00.000Z'],
    ['Sunday 09:00 → Tuesday 09:00', '2026-12-06T06:00:00Z', '2026-12-08T06:00:00.000Z'],
    ['Friday 15:00 → the end of Monday', '2026-12-04T12:00:00Z', '2026-12-07T21:00:00.000Z'],
    ['Thursday 23:30 → Monday 23:30', '2026-12-03T20:30:00Z', '2026-12-07T20:30:00.000Z'],
    // 22:30 UTC on Thursday is already Friday 01:30 in Baghdad: a weekend request
    ['Thursday 22:30 UTC, Friday in Baghdad → the end of Monday', '2026-12-03T22:30:00Z', '2026-12-07T21:00:00.000Z'],
  ])('routine: %s', (_, authored, due) => {
    expect(answerDeadline(at(authored), 'routine', settings).toISOString()).toBe(due);
    expect(answerDeadline(at(authored), undefined, settings).toISOString()).toBe(due);
  });

  it('urgent, asap and stat: four clock hours, weekend or not', () => {
    for (const priority of ['urgent', 'asap', 'stat'] as const) {
      expect(answerDeadline(at('2026-12-04T12:00:00Z'), priority, settings).toISOString()).toBe('2026-12-04T16:00:00.000Z');
    }
  });

  it('the working week and the zone are settings: Monday–Friday in Berlin', () => {
    const berlin = { ...settings, workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, timeZone: 'Europe/Berlin' };
    // Friday 10:00 in Berlin (UTC+1) → Tuesday 10:00
    expect(answerDeadline(at('2026-12-04T09:00:00Z'), 'routine', berlin).toISOString()).toBe('2026-12-08T09:00:00.000Z');
    expect(addWorkingTime(at('2026-12-05T09:00:00Z'), 3_600_000, berlin).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('overdue: still requested after its deadline; an answered referral never is', () => {
    const due = at('2026-12-07T07:00:00Z');
    expect(isOverdue({ status: 'requested' }, due, at('2026-12-07T07:00:01Z'))).toBe(true);
    expect(isOverdue({ status: 'requested' }, due, at('2026-12-07T06:59:59Z'))).toBe(false);
    expect(isOverdue({ status: 'accepted' }, due, at('2026-12-09T00:00:00Z'))).toBe(false);
  });
});

const suite = useTestServer();
const { fhir } = suite;
let psychologist: Member;
let psychiatrist: Member;
const ANSWER_DUE = 'https://hiwa.health/fhir/StructureDefinition/answer-due';

beforeAll(async () => {
  psychologist = await member(suite.server, 'psychologist');
  psychiatrist = await member(suite.server, 'psychiatrist');
});

async function refer(priority: Task['priority'], authoredOn: string): Promise<Task> {
  const patientId = await createPatient(fhir, suite.server);
  const res = await psychologist.fhir('POST', 'Task', {
    resourceType: 'Task', status: 'requested', intent: 'order', priority, authoredOn,
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: `ServiceRequest/unused-${patientId}` }, for: { reference: `Patient/${patientId}` },
    requester: { reference: psychologist.reference }, owner: { reference: psychiatrist.reference },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('the inbox on the server', () => {
  it('each referral carries its type as a Hiwa code with display, and when its answer is due', async () => {
    const task = await refer('routine', '2026-12-03T07:00:00Z');
    expect(task.code?.coding?.[0]).toEqual({ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'referral', display: 'Referral' });
    expect(task.code?.coding?.[1]?.code).toBe('fulfill');
    expect(task.code?.text).toBe('Referral');
    expect(task.extension).toEqual([{ url: ANSWER_DUE, valueDateTime: '2026-12-07T07:00:00.000Z' }]);
  });

  it('Task?owner=…&status=requested,accepted,in-progress&_sort=-priority,authored-on: most urgent first, then oldest; the overdue by answer-due', async () => {
    const old = await refer('routine', '2026-01-04T07:00:00Z');
    const recent = await refer('routine', new Date(Date.now() - 3_600_000).toISOString());
    const urgent = await refer('urgent', new Date(Date.now() - 3_600_000).toISOString());
    const answered = await refer('stat', '2026-01-05T07:00:00Z');
    expect((await setStatus(psychiatrist.fhir, 'PATCH', answered, { status: 'accepted' })).status).toBe(200);
    const mine = new Set([old.id, recent.id, urgent.id, answered.id]);
    const inbox = (await search(psychiatrist.fhir, 'Task', `owner=${psychiatrist.reference}&status=requested,accepted,in-progress&_sort=-priority,authored-on`)).filter((t) => mine.has(t.id));
    expect(inbox.map((t) => t.id)).toEqual([answered.id, urgent.id, old.id, recent.id]);
    const overdue = await search(psychiatrist.fhir, 'Task', `owner=${psychiatrist.reference}&status=requested&answer-due=lt${new Date().toISOString()}`);
    expect(overdue.map((t) => t.id).filter((id) => mine.has(id))).toEqual([old.id]);
  });
});

describe('overdue, as a search and in the CapabilityStatement', () => {
  it('answer-due=lt{instant} finds a referral once its two working days in Baghdad have passed, not over the weekend', async () => {
    // Thursday 10:00 in Baghdad → due Monday 10:00 (07:00 UTC); Friday 01:30 in Baghdad (Thursday 22:30 UTC) → the end of Monday
    const thursday = await refer('routine', '2026-12-03T07:00:00Z');
    const friday = await refer('routine', '2026-12-03T22:30:00Z');
    const overdueAt = async (instant: string) => {
      const found = await search(psychiatrist.fhir, 'Task', `owner=${psychiatrist.reference}&status=requested&answer-due=lt${instant}`);
      return found.map((t) => t.id).filter((id) => id === thursday.id || id === friday.id);
    };
    expect(await overdueAt('2026-12-05T20:00:00Z')).toEqual([]); // Saturday night
    expect(await overdueAt('2026-12-07T06:59:00Z')).toEqual([]);
    expect(await overdueAt('2026-12-07T07:01:00Z')).toEqual([thursday.id]);
    expect((await overdueAt('2026-12-07T21:01:00Z')).sort()).toEqual([thursday.id, friday.id].sort());
  });

  it('the CapabilityStatement lists answer-due for Task with its definition and what overdue means', async () => {
    const metadata = await fhir('GET', 'metadata');
    const task = metadata.body.rest[0].resource.find((r: { type: string }) => r.type === 'Task');
    const answerDue = task.searchParam.find((p: { name: string }) => p.name === 'answer-due');
    expect(answerDue).toMatchObject({ type: 'date', definition: 'https://hiwa.health/fhir/SearchParameter/Task-answer-due' });
    expect(answerDue.documentation).toContain('answer-due=lt{now}');
    // FHIR's own parameters are known by their names
    expect(task.searchParam.find((p: { name: string }) => p.name === 'owner')).toEqual({ name: 'owner', type: 'reference' });
  });
});
