import { beforeAll, describe, expect, it } from 'vitest';
import { allWeighted } from '../questionnaires/fixtures.js';
import type { TestAccount } from '../support/server.js';
import { useTestServer } from '../support/suite.js';
import { patientInCareOf, PHQ9_ITEMS_1_TO_8, responseTo, search } from './fixtures.js';

/**
 * Safety plans: a recorded safety-plan response becomes the CarePlan in force, a newer one replaces it
 * (revoked / replaces), and an active suicide-risk Flag asks for a plan with a Task that the plan completes.
 */

const suite = useTestServer();
const { fhir } = suite;
let psychologist: TestAccount;

const CATEGORY = 'https://hiwa.health/fhir/CodeSystem/care-plan-category|safety-plan';
const NEEDED = 'https://hiwa.health/fhir/CodeSystem/task-type|safety-plan-needed';

beforeAll(async () => {
  psychologist = await suite.server.createAccount({ role: 'psychologist' });
});

/** A patient whose case the psychologist holds. */
const patientInCare = (): Promise<string> => patientInCareOf(fhir, suite.server, psychologist.practitionerId);

function safetyPlan(patientId: string, made: string, review: string, status: 'completed' | 'in-progress' = 'completed') {
  return responseTo(
    'SAFETY_PLAN',
    patientId,
    {
      'sp-warning-sign': 'Not sleeping',
      'sp-coping-strategy': 'Walk by the river',
      'sp-help-contact-name': 'My sister',
      'sp-help-contact-phone': '0750 123 4567',
      'sp-plan-date': made,
      'sp-review-date': review,
    },
    { status },
  );
}

async function create(response: unknown): Promise<string> {
  const res = await fhir('POST', 'QuestionnaireResponse', response);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const plansOf = (patientId: string) => search(fhir, 'CarePlan', `patient=Patient/${patientId}&category=${CATEGORY}&_sort=date`);

describe('a safety-plan response becomes the safety plan in force', () => {
  it('a completed form: an active CarePlan, category safety-plan, pointing at the response, from the plan date to the review date', async () => {
    const patientId = await patientInCare();
    const responseId = await create(safetyPlan(patientId, '2026-11-01', '2026-12-01'));
    const [plan] = await plansOf(patientId);
    expect(plan).toMatchObject({
      status: 'active',
      intent: 'plan',
      subject: { reference: `Patient/${patientId}` },
      supportingInfo: [{ reference: `QuestionnaireResponse/${responseId}` }],
      period: { start: '2026-11-01', end: '2026-12-01' },
    });
    expect(plan.replaces).toBeUndefined();
  });

  it('a form still being written is no plan yet', async () => {
    const patientId = await patientInCare();
    await create(safetyPlan(patientId, '2026-11-01', '2026-12-01', 'in-progress'));
    expect(await plansOf(patientId)).toHaveLength(0);
  });

  it('a new plan replaces the one in force: the old one revoked, the new one naming it in replaces; both histories kept', async () => {
    const patientId = await patientInCare();
    await create(safetyPlan(patientId, '2026-10-01', '2026-11-01'));
    const secondResponse = await create(safetyPlan(patientId, '2026-11-02', '2026-12-02'));
    const plans = await plansOf(patientId);
    expect(plans).toHaveLength(2);
    const [first, second] = plans;
    expect(first.status).toBe('revoked');
    expect(second).toMatchObject({ status: 'active', replaces: [{ reference: `CarePlan/${first.id}` }], supportingInfo: [{ reference: `QuestionnaireResponse/${secondResponse}` }] });
    const history = await fhir('GET', `CarePlan/${first.id}/_history`);
    expect(history.body.entry.map((e: { resource: { status: string } }) => e.resource.status)).toEqual(['revoked', 'active']);
    expect((await search(fhir, 'CarePlan', `patient=Patient/${patientId}&category=${CATEGORY}&status=active`)).map((p) => p.id)).toEqual([second.id]);
  });

  it('amending the response updates its own plan (new review date) instead of making another', async () => {
    const patientId = await patientInCare();
    const response = safetyPlan(patientId, '2026-11-01', '2026-12-01');
    const id = await create(response);
    const amended = { ...safetyPlan(patientId, '2026-11-01', '2026-12-15'), id, status: 'amended' };
    expect((await fhir('PUT', `QuestionnaireResponse/${id}`, amended)).status).toBe(200);
    const plans = await plansOf(patientId);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ status: 'active', period: { end: '2026-12-15' } });
  });
});

describe('an active suicide-risk Flag asks for a safety plan', () => {
  const alerting = (patientId: string) => responseTo('PHQ9', patientId, { ...allWeighted(PHQ9_ITEMS_1_TO_8, 1), 'phq9-9': { weight: 2 } });

  it('creates one "safety plan needed" Task for the case clinician, due today, which the recorded plan completes', async () => {
    const patientId = await patientInCare();
    await create(alerting(patientId));
    const [flag] = await search(fhir, 'Flag', `patient=Patient/${patientId}`);
    const [task] = await search(fhir, 'Task', `patient=Patient/${patientId}&code=${NEEDED}`);
    expect(task).toMatchObject({
      status: 'requested',
      priority: 'urgent',
      owner: { reference: `Practitioner/${psychologist.practitionerId}` },
      reasonReference: { reference: `Flag/${flag.id}` },
    });
    expect(task.restriction.period.end).toMatch(/T23:59:59\.999Z$/);

    // a second alerting response while the Task is open asks for nothing more
    await create(alerting(patientId));
    expect(await search(fhir, 'Task', `patient=Patient/${patientId}&code=${NEEDED}`)).toHaveLength(1);

    await create(safetyPlan(patientId, '2026-11-01', '2026-12-01'));
    const [plan] = await plansOf(patientId);
    const [done] = await search(fhir, 'Task', `patient=Patient/${patientId}&code=${NEEDED}`);
    expect(done.status).toBe('completed');
    expect(done.output[0].valueReference).toEqual({ reference: `CarePlan/${plan.id}` });
  });

  it('asks for nothing when a safety plan is already in force', async () => {
    const patientId = await patientInCare();
    await create(safetyPlan(patientId, '2026-11-01', '2026-12-01'));
    await create(alerting(patientId));
    expect((await search(fhir, 'Flag', `patient=Patient/${patientId}`)).filter((f) => f.status === 'active')).toHaveLength(1);
    expect(await search(fhir, 'Task', `patient=Patient/${patientId}&code=${NEEDED}`)).toHaveLength(0);
  });
});
