import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { count, responseTo, useClinicalSuite } from './fixtures.js';

const suite = useClinicalSuite();
const { fhir } = suite;

const STORED = ['QuestionnaireResponse', 'Observation', 'Flag', 'Task'];
const counts = () => Promise.all(STORED.map((type) => count(fhir, type)));

/** A PHQ-9 that alerts (item 9 "Nearly every day"): were it accepted, it would store Observations, a Flag and a Task. */
function alertingPhq9(): QuestionnaireResponse {
  return responseTo('PHQ9', suite.patientId, { 'phq9-1': 'LA6569-3', 'phq9-2': 'LA6568-5', 'phq9-9': 'LA6571-9' });
}

function withItem(response: QuestionnaireResponse, linkId: string, answer: Record<string, unknown>): QuestionnaireResponse {
  return {
    ...response,
    item: (response.item ?? []).map((item) => (item.linkId === linkId ? { ...item, answer: [answer] } : item)),
  };
}

/** Posts the response, expects a 422 whose issues name `linkId`, and that nothing at all was stored. */
async function expectRefused(response: QuestionnaireResponse, linkId: string, code: string): Promise<string[]> {
  const before = await counts();
  const res = await fhir('POST', 'QuestionnaireResponse', response);
  expect(res.status).toBe(422);
  expect(res.body.resourceType).toBe('OperationOutcome');
  const issue = res.body.issue.find((i: { expression: string[] }) => i.expression.includes(`QuestionnaireResponse.descendants().where(linkId = '${linkId}')`));
  expect(issue, JSON.stringify(res.body.issue)).toMatchObject({ severity: 'error', code });
  expect(issue.diagnostics).toContain(linkId);
  expect(await counts()).toEqual(before);
  return issue.expression;
}

describe('a response that does not match its Questionnaire is refused with 422 naming the item, and nothing is stored', () => {
  it('an unknown linkId', async () => {
    const response = alertingPhq9();
    response.item?.push({ linkId: 'phq9-11', answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6568-5' } }] });
    const expression = await expectRefused(response, 'phq9-11', 'structure');
    expect(expression[0]).toBe(`QuestionnaireResponse.item[${(response.item?.length ?? 0) - 1}]`);
  });

  it('an answer of the wrong type', async () => {
    const expression = await expectRefused(withItem(alertingPhq9(), 'phq9-2', { valueInteger: 0 }), 'phq9-2', 'value');
    expect(expression[0]).toMatch(/^QuestionnaireResponse\.item\[\d+\]\.answer\[0\]$/);
  });

  it('an answer that is not among the options', async () => {
    const notAnOption = { valueCoding: { system: 'http://loinc.org', code: 'LA6572-7' } }; // an item 10 answer, given to item 1
    await expectRefused(withItem(alertingPhq9(), 'phq9-1', notAnOption), 'phq9-1', 'code-invalid');
  });

  it('a required item left unanswered in a completed response', async () => {
    const response = responseTo('CASE_MANAGEMENT', suite.patientId, {
      'cm-assessment-date': '2026-03-01',
      'cm-main-concern': 'Worry about the children',
      'cm-risk-suicide-plan': true, // would alert
      'cm-iasc-layer': 'layer-2',
    });
    const expression = await expectRefused(response, 'cm-risk-suicidal-thoughts', 'required');
    expect(expression[0]).toMatch(/^QuestionnaireResponse\.item\[\d+\]$/); // the group it belongs in
  });

  it('a completed or amended response with no answer at all, from any client, naming QuestionnaireResponse.item', async () => {
    const before = await counts();
    for (const status of ['completed', 'amended'] as const) {
      const empty = { ...responseTo('PHQ9', suite.patientId, {}), status };
      const res = await fhir('POST', 'QuestionnaireResponse', empty);
      expect(res.status).toBe(422);
      expect(res.body.issue).toEqual([expect.objectContaining({ code: 'required', expression: ['QuestionnaireResponse.item'] })]);
      const unanswered = { ...empty, item: [{ linkId: 'phq9-1' }, { linkId: 'phq9-2', answer: [] }] };
      expect((await fhir('POST', 'QuestionnaireResponse', unanswered)).status).toBe(422);
    }
    expect(await counts()).toEqual(before);
    const draft = await fhir('POST', 'QuestionnaireResponse', { ...responseTo('PHQ9', suite.patientId, {}), status: 'in-progress' });
    expect(draft.status).toBe(201);
  });

  it('names every offending item at once', async () => {
    const response = withItem(withItem(alertingPhq9(), 'phq9-1', { valueString: 'often' }), 'phq9-2', { valueBoolean: true });
    const res = await fhir('POST', 'QuestionnaireResponse', response);
    expect(res.status).toBe(422);
    expect(res.body.issue.map((i: { diagnostics: string }) => i.diagnostics.match(/"(phq9-\d+)"/)?.[1])).toEqual(['phq9-1', 'phq9-2']);
  });

  it('an update that breaks the form leaves the stored version, its scores and flags as they were', async () => {
    const created = await fhir('POST', 'QuestionnaireResponse', alertingPhq9());
    expect(created.status).toBe(201);
    const before = await counts();
    const broken = { ...withItem(alertingPhq9(), 'phq9-9', { valueCoding: { system: 'http://loinc.org', code: 'LA33-6' } }), id: created.body.id };
    const res = await fhir('PUT', `QuestionnaireResponse/${created.body.id}`, broken);
    expect(res.status).toBe(422);
    expect(await counts()).toEqual(before);
    expect((await fhir('GET', `QuestionnaireResponse/${created.body.id}`)).body.meta.versionId).toBe('1');
  });

  it('a response without a Questionnaire, or to one the server does not hold, naming QuestionnaireResponse.questionnaire', async () => {
    const before = await counts();
    const { questionnaire: _questionnaire, ...withoutForm } = alertingPhq9();
    const unnamed = await fhir('POST', 'QuestionnaireResponse', withoutForm);
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.issue[0].expression).toEqual(['QuestionnaireResponse.questionnaire']);
    const unknownVersion = await fhir('POST', 'QuestionnaireResponse', { ...alertingPhq9(), questionnaire: 'https://hiwa.health/fhir/Questionnaire/PHQ9|0.9' });
    expect(unknownVersion.status).toBe(422);
    expect(unknownVersion.body.issue[0]).toMatchObject({ code: 'not-found', expression: ['QuestionnaireResponse.questionnaire'] });
    expect(await counts()).toEqual(before);
  });

  it('a transaction holding a bad response stores none of its entries', async () => {
    const before = await counts();
    const bad = withItem(alertingPhq9(), 'phq9-2', { valueCoding: { system: 'http://loinc.org', code: 'nope' } });
    const res = await fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:8d3c1d8e-4f38-4c1a-9c55-2f4a0f6b9a01', resource: alertingPhq9(), request: { method: 'POST', url: 'QuestionnaireResponse' } },
        { fullUrl: 'urn:uuid:8d3c1d8e-4f38-4c1a-9c55-2f4a0f6b9a02', resource: bad, request: { method: 'POST', url: 'QuestionnaireResponse' } },
      ],
    });
    expect(res.status).toBe(422);
    expect(await counts()).toEqual(before);
  });
});
