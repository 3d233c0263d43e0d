import fs from 'node:fs';
import type { CodeSystem, Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../server/auth/admin/create-site.js';
import { TASK_TYPE_SYSTEM, TASK_TYPES, taskTypeCode } from '../../server/clinical/workflow-codes.js';
import { consentFor } from '../access/consents.js';
import { allWeighted } from '../questionnaires/fixtures.js';
import { useTestServer } from '../support/suite.js';
import { PHQ9_ITEMS_1_TO_8, patientInCareOf, responseTo, search } from './fixtures.js';
import { member, type Member } from './workflow-fixtures.js';

/**
 * Every Task Hiwa makes says what it asks for with a code of Hiwa's task-type CodeSystem (with its display),
 * so that clients show it in their own language and supervisors' queues are plain code searches.
 */

const codeSystem = JSON.parse(fs.readFileSync(new URL('../../fhir-profiles/CodeSystem-task-type.json', import.meta.url), 'utf8')) as CodeSystem;
const concepts = new Map((codeSystem.concept ?? []).map((c) => [c.code, c.display]));

describe('the task-type CodeSystem', () => {
  it('holds every type the server uses, with the display the server writes, and counts its concepts', () => {
    expect(codeSystem.count).toBe(codeSystem.concept?.length);
    expect([...concepts.keys()].sort()).toEqual([...TASK_TYPES].sort());
    for (const type of TASK_TYPES) expect(taskTypeCode(type).coding?.[0]).toEqual({ system: codeSystem.url, code: type, display: concepts.get(type) });
  });
});

const suite = useTestServer();
const { fhir } = suite; // the test supervisor
let psychologist: Member;
let psychiatrist: Member;
let outsider: Member; // a psychologist of another site

beforeAll(async () => {
  psychologist = await member(suite.server, 'psychologist');
  psychiatrist = await member(suite.server, 'psychiatrist');
  const otherSite = (await createSite(suite.server.auth, { name: 'Mobile team', organization: suite.server.organizationId })).id as string;
  outsider = await member(suite.server, 'psychologist', { sites: [otherSite] });
});

describe('every Task the server creates carries a code of the task-type CodeSystem', () => {
  it('risk review, safety plan needed, re-assessment, referral and its follow-up, break-glass review, consent withdrawn', async () => {
    const patientId = await patientInCareOf(fhir, suite.server, psychologist.account.practitionerId);
    // a critical PHQ-9 answer: the risk review, the safety plan needed, the next re-assessment
    const phq9 = await psychologist.fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', patientId, { ...allWeighted(PHQ9_ITEMS_1_TO_8, 1), 'phq9-9': { weight: 1 } }));
    expect(phq9.status, JSON.stringify(phq9.body)).toBe(201);
    // a referral: the server codes the Task sent with FHIR's code only, and gives the referrer a follow-up
    const request = await psychologist.fhir('POST', 'ServiceRequest', {
      resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: `Patient/${patientId}` }, requester: { reference: psychologist.reference },
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const referral = await psychologist.fhir('POST', 'Task', {
      resourceType: 'Task', status: 'requested', intent: 'order', code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
      focus: { reference: `ServiceRequest/${request.body.id}` }, for: { reference: `Patient/${patientId}` },
      requester: { reference: psychologist.reference }, owner: { reference: psychiatrist.reference },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    // break-glass by a clinician of another site: a review for the supervisors
    const glass = await outsider.fhir('POST', `Patient/${patientId}/$break-glass`, { resourceType: 'Parameters', parameter: [{ name: 'reason', valueString: 'Called by the camp clinic at night: risk to life' }] });
    expect(glass.status, JSON.stringify(glass.body)).toBe(200);
    // the consent to services withdrawn while the case is open
    const [services] = await search(fhir, 'Consent', `patient=Patient/${patientId}&status=active`);
    expect((await fhir('PUT', `Consent/${services.id}`, { ...services, status: 'inactive' })).status).toBe(200);

    const stored = await suite.server.store.pool.query<{ content: string }>(`SELECT content FROM resource WHERE resource_type = 'Task' AND NOT deleted`);
    const tasks = stored.rows.map((r) => JSON.parse(r.content) as Task);
    const typeOf = (task: Task) => task.code?.coding?.find((c) => c.system === TASK_TYPE_SYSTEM);
    for (const task of tasks) {
      const coding = typeOf(task);
      expect(coding, `Task/${task.id} (${task.code?.text ?? task.description}) has no task-type code`).toBeDefined();
      expect(coding?.display, `Task/${task.id}`).toBe(concepts.get(coding?.code ?? ''));
    }
    expect(new Set(tasks.map((t) => typeOf(t)?.code))).toEqual(
      new Set(['risk-review', 'safety-plan-needed', 'reassessment', 'referral', 'referral-follow-up', 'break-glass-review', 'consent-withdrawn']),
    );
  });

  it('the risk review is found in a queue by its code', async () => {
    const patientId = await patientInCareOf(fhir, suite.server, psychologist.account.practitionerId);
    const phq9 = await psychologist.fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', patientId, { ...allWeighted(PHQ9_ITEMS_1_TO_8, 0), 'phq9-9': { weight: 2 } }));
    expect(phq9.status).toBe(201);
    const [review] = await search(fhir, 'Task', `patient=Patient/${patientId}&code=${TASK_TYPE_SYSTEM}|risk-review&status=requested`);
    expect(review).toMatchObject({ priority: 'urgent', code: { coding: [{ system: TASK_TYPE_SYSTEM, code: 'risk-review', display: 'Review suicide risk' }], text: 'Review suicide risk' } });
  });
});
