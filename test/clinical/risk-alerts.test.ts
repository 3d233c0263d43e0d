import { beforeAll, describe, expect, it } from 'vitest';
import { allWeighted } from '../questionnaires/fixtures.js';
import type { Flag } from '@medplum/fhirtypes';
import { parseScoringSettings } from '../../questionnaires/index.js';
import type { StaffPrincipal, StaffRole } from '../../server/auth/principal.js';
import { instrumentRules } from '../../server/clinical/instrument-rules.js';
import { Repository } from '../../server/store/repository.js';
import type { TestAccount } from '../support/server.js';
import { useTestServer } from '../support/suite.js';
import { count, createPatient, openCase, patientInCareOf, PHQ9_ITEMS_1_TO_8, responseTo, search, SRQ20_ITEMS } from './fixtures.js';

const TRIGGERING_ITEM = 'https://hiwa.health/fhir/StructureDefinition/triggering-item';
const FLAG_DETAIL = 'http://hl7.org/fhir/StructureDefinition/flag-detail';

const suite = useTestServer();
const { fhir } = suite;
let psychologist: TestAccount;

beforeAll(async () => {
  psychologist = await suite.server.createAccount({ role: 'psychologist' });
});

/** A patient whose case the psychologist holds. */
const patientInCare = (): Promise<string> => patientInCareOf(fhir, suite.server, psychologist.practitionerId);

async function create(response: unknown): Promise<string> {
  const res = await fhir('POST', 'QuestionnaireResponse', response);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const flagsOf = (responseId: string) => search(fhir, 'Flag', `detail=QuestionnaireResponse/${responseId}`);
const tasksAbout = (flagId: string) => search(fhir, 'Task', `focus=Flag/${flagId}`);
// any: stored resources are read loosely; each assertion states the shape it expects
const triggeringLinkIds = (flag: any): string[] =>
  flag.extension.filter((e: any) => e.url === TRIGGERING_ITEM).map((e: any) => e.extension.find((p: any) => p.url === 'linkId').valueString);

function endOfUtcDay(instant: string): string {
  return `${instant.slice(0, 10)}T23:59:59.999Z`;
}

describe('a critical item raises a suicide-risk Flag and an urgent review Task in the same transaction', () => {
  it('PHQ-9 item 9 "Several days": an active Flag naming the response and item, and a Task due today for the clinician and supervisors', async () => {
    const patientId = await patientInCare();
    const startedAt = Date.now();
    const responseId = await create(responseTo('PHQ9', patientId, { ...allWeighted(PHQ9_ITEMS_1_TO_8, 0), 'phq9-9': { weight: 1 } }));

    const [flag] = await flagsOf(responseId);
    expect(flag).toMatchObject({
      status: 'active',
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/flag-code', code: 'suicide-risk', display: 'Suicide risk' }] },
      subject: { reference: `Patient/${patientId}` },
    });
    expect(flag.category.map((c: any) => c.coding[0].code)).toEqual(['clinical', 'safety']);
    expect(flag.extension).toContainEqual({ url: FLAG_DETAIL, valueReference: { reference: `QuestionnaireResponse/${responseId}` } });
    expect(triggeringLinkIds(flag)).toEqual(['phq9-9']);

    const [task] = await tasksAbout(flag.id);
    expect(task).toMatchObject({
      status: 'requested',
      intent: 'order',
      priority: 'urgent',
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'risk-review', display: 'Review suicide risk' }], text: 'Review suicide risk' },
      for: { reference: `Patient/${patientId}` },
      focus: { reference: `Flag/${flag.id}` },
      owner: { reference: `Practitioner/${psychologist.practitionerId}` },
      reasonReference: { reference: `QuestionnaireResponse/${responseId}` },
      performerType: [{ coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/staff-role', code: 'supervisor' }] }],
    });
    expect(task.restriction.recipient).toEqual([
      { reference: `Practitioner/${psychologist.practitionerId}` },
      expect.objectContaining({ reference: `PractitionerRole/${suite.server.account.practitionerRoleId}` }),
    ]);
    expect(Date.parse(task.authoredOn)).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(task.restriction.period.end).toBe(endOfUtcDay(task.authoredOn));
    expect(task.description).toContain('Several days');
    expect(task.note[0].text).toContain("the case's clinician");
  });

  it('SRQ-20 item 17 "Yes", for a patient with no case yet: the Task goes to the site supervisors only', async () => {
    const patientId = await createPatient(fhir, suite.server);
    const answers = Object.fromEntries(SRQ20_ITEMS.map((linkId) => [linkId, linkId === 'srq20-17' ? 'LA33-6' : 'LA32-8']));
    const responseId = await create(responseTo('SRQ20', patientId, answers));
    const [flag] = await flagsOf(responseId);
    expect(triggeringLinkIds(flag)).toEqual(['srq20-17']);
    const [task] = await tasksAbout(flag.id);
    expect(task.owner).toBeUndefined();
    expect(task.restriction.recipient).toEqual([expect.objectContaining({ reference: `PractitionerRole/${suite.server.account.practitionerRoleId}` })]);
    expect(task.note[0].text).toContain('No clinician holds the case');
  });

  it("the case-management form's critical items (a suicide plan) alert like the instruments' own", async () => {
    const patientId = await patientInCare();
    const responseId = await create(
      responseTo('CASE_MANAGEMENT', patientId, {
        'cm-assessment-date': '2026-03-01',
        'cm-main-concern': 'Cannot sleep since the family moved',
        'cm-risk-suicidal-thoughts': true,
        'cm-risk-suicide-plan': true,
        'cm-iasc-layer': 'layer-3',
      }),
    );
    const [flag] = await flagsOf(responseId);
    expect(triggeringLinkIds(flag)).toEqual(['cm-risk-suicidal-thoughts', 'cm-risk-suicide-plan']);
    expect(await tasksAbout(flag.id)).toHaveLength(1);
    // The form is not a scored instrument: nothing else is derived from it.
    expect(await count(fhir, 'Observation', `derived-from=QuestionnaireResponse/${responseId}`)).toBe(0);
  });

  it('alerts from a response still in progress: an unfinished form does not hide the answer', async () => {
    const patientId = await patientInCare();
    const responseId = await create(responseTo('PHQ9', patientId, { 'phq9-9': { weight: 3 } }, { status: 'in-progress' }));
    const [flag] = await flagsOf(responseId);
    expect(flag.status).toBe('active');
    expect(await tasksAbout(flag.id)).toHaveLength(1);
    expect(await count(fhir, 'Observation', `derived-from=QuestionnaireResponse/${responseId}`)).toBe(0);
  });

  it('raises nothing when no critical item alerted', async () => {
    const patientId = await patientInCare();
    // the score's next re-assessment is a follow-up, not an alert
    const alerts = `patient=Patient/${patientId}&code:not=https://hiwa.health/fhir/CodeSystem/task-type|reassessment`;
    const tasksBefore = await count(fhir, 'Task', alerts);
    const responseId = await create(responseTo('PHQ9', patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 0)));
    expect(await flagsOf(responseId)).toEqual([]);
    expect(await count(fhir, 'Task', alerts)).toBe(tasksBefore);
  });
});

describe('amending a response that raised an alert', () => {
  it('creates no second Flag or Task while its Flag is active', async () => {
    const patientId = await patientInCare();
    const answers = { ...allWeighted(PHQ9_ITEMS_1_TO_8, 1), 'phq9-9': { weight: 2 } };
    const responseId = await create(responseTo('PHQ9', patientId, answers, { status: 'in-progress' }));
    const completed = { ...responseTo('PHQ9', patientId, answers), id: responseId };
    expect((await fhir('PUT', `QuestionnaireResponse/${responseId}`, completed)).status).toBe(200);
    const amended = { ...responseTo('PHQ9', patientId, { ...answers, 'phq9-9': { weight: 3 } }), id: responseId, status: 'amended' };
    expect((await fhir('PUT', `QuestionnaireResponse/${responseId}`, amended)).status).toBe(200);
    const flags = await flagsOf(responseId);
    expect(flags).toHaveLength(1);
    expect(await tasksAbout(flags[0].id)).toHaveLength(1);
  });

  it('does not re-open a Flag a clinician closed for the same answers, but a new alerting answer raises a new one', async () => {
    const patientId = await patientInCare();
    const answers = { ...allWeighted(PHQ9_ITEMS_1_TO_8, 0), 'phq9-9': { weight: 1 } };
    const responseId = await create(responseTo('PHQ9', patientId, answers));
    const [flag] = await flagsOf(responseId);
    const closed = { ...flag, status: 'inactive', period: { ...flag.period, end: new Date().toISOString() } };
    expect((await fhir('PUT', `Flag/${flag.id}`, closed)).status).toBe(200);

    const sameAnswers = { ...responseTo('PHQ9', patientId, { ...answers, 'phq9-1': { weight: 1 } }), id: responseId, status: 'amended' };
    expect((await fhir('PUT', `QuestionnaireResponse/${responseId}`, sameAnswers)).status).toBe(200);
    expect((await flagsOf(responseId)).map((f) => f.status)).toEqual(['inactive']);

    const worse = { ...responseTo('PHQ9', patientId, { ...answers, 'phq9-9': { weight: 3 } }), id: responseId, status: 'amended' };
    expect((await fhir('PUT', `QuestionnaireResponse/${responseId}`, worse)).status).toBe(200);
    const flags = await flagsOf(responseId);
    expect(flags.map((f) => f.status).sort()).toEqual(['active', 'inactive']);
    expect(await tasksAbout(flags.find((f) => f.status === 'active').id)).toHaveLength(1);
  });
});

describe('a response that must alert but cannot', () => {
  it('is refused (422 naming the subject) when it names no patient, and nothing is stored', async () => {
    const { subject: _subject, ...anonymous } = responseTo('PHQ9', 'none', { 'phq9-9': { weight: 2 } });
    const before = await count(fhir, 'QuestionnaireResponse');
    const res = await fhir('POST', 'QuestionnaireResponse', anonymous);
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression).toEqual(['QuestionnaireResponse.subject']);
    expect(await count(fhir, 'QuestionnaireResponse')).toBe(before);
  });
});

describe('closing a suicide-risk Flag', () => {
  /** The repository a member of staff in this role gets, with the instrument rules, as the API builds it. */
  async function repositoryAs(role: StaffRole): Promise<Repository> {
    const account = await suite.server.createAccount({ role });
    const { id: userId, username, practitionerId, organizationId, siteIds } = account;
    const principal: StaffPrincipal = { kind: 'staff', userId, username, practitionerId, role, organizationId, siteIds };
    return new Repository(suite.server.store.pool, { principal, rules: instrumentRules(parseScoringSettings({})) });
  }

  async function activeFlag(): Promise<Flag> {
    const patientId = await createPatient(fhir, suite.server); // no case yet: every caseworker of the site reaches them
    const [flag] = await flagsOf(await create(responseTo('PHQ9', patientId, { 'phq9-9': { weight: 1 } })));
    return flag as Flag;
  }

  it('is refused (403) to a caseworker, and the Flag stays active', async () => {
    const flag = await activeFlag();
    const caseworker = await repositoryAs('caseworker');
    await expect(caseworker.update<Flag>({ ...flag, status: 'inactive' })).rejects.toMatchObject({ status: 403 });
    expect((await fhir('GET', `Flag/${flag.id}`)).body.status).toBe('active');
  });

  it('is done by a clinician, and records when in period.end', async () => {
    const flag = await activeFlag();
    const psychologistRepo = await repositoryAs('psychologist');
    const closed = await psychologistRepo.update<Flag>({ ...flag, status: 'inactive' });
    expect(closed.resource.status).toBe('inactive');
    expect(Date.parse(closed.resource.period?.end ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
